"""Full and incremental builds, each in its own ``aikg build`` process, timed with peak memory."""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.measure import ChildRun, run_child

__all__ = ["BuildRun", "aikg_command", "run_build"]

_SUMMARY = re.compile(
    r"built (?P<built>\d+) of (?P<seen>\d+) articles \((?P<unchanged>\d+) unchanged, (?P<skipped>\d+) "
    r"skipped\): (?P<entities>\d+) entities, (?P<facts>\d+) facts, (?P<triples>\d+) triples"
)
_FALLBACK = "batch extraction failed"


@dataclass(frozen=True, slots=True)
class BuildRun:
    """One ``aikg build``: its process measurements and the counts it printed."""

    label: str
    processes: int
    child: ChildRun
    counts: dict[str, int]
    fell_back_to_one_process: bool

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (without the child's output)."""
        return {
            "label": self.label,
            "processes": self.processes,
            "seconds": self.child.seconds,
            "peak_tree_mb": self.child.peak_tree_mb,
            "max_rss_mb": self.child.max_rss_mb,
            "returncode": self.child.returncode,
            "counts": self.counts,
            "fell_back_to_one_process": self.fell_back_to_one_process,
            "stderr_tail": self.child.stderr_tail if self.child.returncode else "",
        }


def aikg_command() -> list[str]:
    """The ``aikg`` command of this interpreter (the script beside it, else ``python -c``)."""
    script = Path(sys.executable).parent / "aikg"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from graph.cli import cli; cli()"]


def run_build(label: str, corpus: Path, store: Path, processes: int, *, fresh: bool = False) -> BuildRun:
    """Run ``aikg build CORPUS --store STORE --processes N -v`` and parse its summary line.

    Args:
        label: a name for the report ("full", "unchanged", "1% changed").
        corpus: the corpus folder.
        store: the store folder; removed first when `fresh`.
        processes: spaCy worker processes.
        fresh: start from an empty store.
    """
    if fresh and store.exists():
        shutil.rmtree(store)
    command = [*aikg_command(), "build", str(corpus), "--store", str(store)]
    command += ["--processes", str(processes), "-v"]
    child = run_child(command, watch=(_FALLBACK,))
    match = _SUMMARY.search(child.stdout)
    counts = {k: int(v) for k, v in match.groupdict().items()} if match else {}
    return BuildRun(
        label=label,
        processes=processes,
        child=child,
        counts=counts,
        fell_back_to_one_process=_FALLBACK in child.seen,
    )
