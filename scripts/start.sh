#!/usr/bin/env bash
# One command from a fresh clone: install, build the graph from corpus/, start the app on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/aikg build corpus
exec .venv/bin/aikg app "$@"
