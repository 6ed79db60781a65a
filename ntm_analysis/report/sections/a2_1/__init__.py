"""Section a2_1."""
