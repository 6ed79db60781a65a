"""Section a2_2."""
