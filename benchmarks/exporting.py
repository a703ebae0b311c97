"""Export time of one format, in a fresh process: ``python -m benchmarks.exporting STORE FORMAT OUT``.

It prints one JSON object: the seconds :func:`graph.export.export_store` took (opening the
store and importing aikg are not counted) and the size of the file it wrote.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """The worker's command line; prints one JSON object."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3:
        print("usage: python -m benchmarks.exporting STORE FORMAT OUTPUT", file=sys.stderr)
        return 2
    from graph.export import export_store
    from graph.store import open_store

    store_path, fmt, output = args
    store = open_store(store_path, read_only=True)
    try:
        started = time.perf_counter()
        path = export_store(store, fmt, output)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    print(json.dumps({"format": fmt, "seconds": seconds, "bytes": Path(path).stat().st_size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
