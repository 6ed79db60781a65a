"""Section a2_4_1."""
