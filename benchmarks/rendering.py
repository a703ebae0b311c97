"""Render time of the app's overview page under Streamlit's AppTest, in a fresh process.

Run as a worker (it prints one JSON object)::

    python -m benchmarks.rendering STORE_FOLDER [--app app.py]

Three renders of the overview page, the app's landing page:
    ``cold_s``: the first run in a fresh process (imports app.py and its libraries, opens the
        store, runs every query of the page: a server's first visitor).
    ``uncached_s``: modules loaded and the store open, but ``st.cache_data`` cleared (the first
        visitor after a rebuild).
    ``cached_s``: a rerun with the query results cached (every later visitor).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["render_overview"]

_APP = Path(__file__).resolve().parent.parent / "app.py"


def render_overview(store: Path, app: Path = _APP, timeout_s: float = 900.0) -> dict[str, Any]:
    """Time three renders of the overview page on `store` (see the module docstring)."""
    os.environ["AIKG_STORE"] = str(store)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    result: dict[str, Any] = {"app": str(app), "store": str(store)}
    at = AppTest.from_file(str(app), default_timeout=timeout_s)
    for label in ("cold_s", "uncached_s", "cached_s"):
        if label == "uncached_s":
            st.cache_data.clear()
        started = time.perf_counter()
        at.run()
        result[label] = time.perf_counter() - started
        if at.exception:
            result["exception"] = [str(e.value)[:500] for e in at.exception]
            break
    result["metrics"] = {m.label: m.value for m in at.metric}
    # A page that shows st.error (a query timed out, say) rendered, but not the overview.
    result["errors"] = [str(e.value)[:500] for e in at.error]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """The worker's command line; prints one JSON object."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rendering")
    parser.add_argument("store", type=Path)
    parser.add_argument("--app", type=Path, default=_APP)
    args = parser.parse_args(argv)
    print(json.dumps(render_overview(args.store, args.app)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
