"""Section a1."""
