#!/bin/bash
# CPU time (user + sys, best of N) of `ntm-report validate` against a bare `import pandas`.
# CPU time rather than wall time: the bench machine is shared, and wall times vary by 2x.
# Usage: bench/validate_vs_import.sh [N] [PERIOD]   (from the repository root)
set -euo pipefail
n=${1:-7}
period=${2:-2021-09}
cpu() { { /usr/bin/time -f "%U %S" "$@" >/dev/null; } 2>&1 | tail -1 | awk '{print $1 + $2}'; }
pandas=(); validate=()
for _ in $(seq 1 "$n"); do
  pandas+=("$(cpu .venv/bin/python -c 'import pandas')")
  validate+=("$(cpu .venv/bin/python -m ntm_analysis validate --period "$period")")
done
best() { printf "%s\n" "$@" | sort -g | head -1; }
p=$(best "${pandas[@]}"); v=$(best "${validate[@]}")
echo "import pandas ${p}s, validate ${v}s, ratio $(awk -v v="$v" -v p="$p" 'BEGIN {printf "%.2f", v / p}')"
