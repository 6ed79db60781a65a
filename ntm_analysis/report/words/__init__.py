"""How the report writes figures, names, named lists and qualitative points."""
