#!/usr/bin/env bash
# One command from a fresh clone: install with the test tools, then lint, type-check, test and
# run the benchmark once at a small size so that it cannot rot. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --dev
# The browser test drives Debian's Chromium (never a browser downloaded by Playwright).
if ! command -v chromium >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest "$@"
if [ -f benchmarks/__main__.py ]; then
    echo "== benchmark (small)"
    .venv/bin/python -m benchmarks --articles 20 --quick --output .aikg/bench-ci.json
fi
