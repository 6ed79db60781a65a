"""Section a2_4_6."""
