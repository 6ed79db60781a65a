"""Section a2_4_5."""
