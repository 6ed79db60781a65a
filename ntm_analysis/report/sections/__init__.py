"""The report's sections: one folder per section builder (`data/reference/sections.yml`
names each section's builder), plus what every page shares."""
