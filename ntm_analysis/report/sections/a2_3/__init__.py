"""Section a2_3."""
