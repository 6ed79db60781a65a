#!/bin/bash
# Run the data-side tests against the declared lower bounds of the data libraries.
# Usage (from the repository root): bench/lower_bounds.sh [VENV_DIR]
# The notebook side (papermill, nbconvert, Jupyter) is not covered: its lower bounds are
# documented API requirements (docs/dependencies.md).
set -euo pipefail
venv=${1:-/tmp/ntm-lower-bounds}
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet \
  "pandas==2.2.0" "numpy==1.26.0" "pydantic==2.5.0" "pyyaml==6.0" "babel==2.14.0" \
  "openpyxl==3.1.2" "matplotlib==3.8.0" "pillow==10.0.0" pytest hypothesis
PYTHONPATH="$PWD" "$venv/bin/python" -m pytest -q -p no:cacheprovider -m "not slow" \
  -W ignore::DeprecationWarning tests/dataset tests/text tests/quality tests/outlook
