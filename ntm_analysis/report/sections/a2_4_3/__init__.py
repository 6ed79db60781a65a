"""Section a2_4_3."""
