"""Section a2_4_7."""
