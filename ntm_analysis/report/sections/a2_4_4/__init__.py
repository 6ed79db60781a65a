"""Section a2_4_4."""
