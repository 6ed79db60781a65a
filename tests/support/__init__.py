"""Code the tests and the benchmarks share, imported as `tests.support` (pytest `pythonpath`
in pyproject.toml; benchmarks run from the repository root with `python -m bench.NAME`)."""
