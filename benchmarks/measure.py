"""Measuring tools: wall time of a child process with its peak memory, and latency percentiles.

A child's peak memory is measured two ways: ``ru_maxrss`` from ``os.wait4`` (the largest single
process of the child's tree that was waited for) and the largest sum of the resident set sizes
of the whole tree, sampled with psutil every 50 ms (this one counts spaCy workers together).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil  # type: ignore[import-untyped]

__all__ = ["ChildRun", "percentile", "run_child"]

_SAMPLE_S = 0.05


@dataclass(frozen=True, slots=True)
class ChildRun:
    """What one child process did: exit code, wall time, peak memory and the end of its stderr."""

    returncode: int
    seconds: float
    peak_tree_mb: float
    max_rss_mb: float
    stdout: str
    stderr_tail: str
    seen: tuple[str, ...] = ()
    timed_out: bool = False


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        family = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in family:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def _kill_group(pid: int, expired: threading.Event) -> None:
    expired.set()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def run_child(
    command: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    stdout_path: Path | None = None,
    cwd: Path | None = None,
    watch: Sequence[str] = (),
    timeout_s: float | None = None,
) -> ChildRun:
    """Run a command to completion, timing it and sampling its memory.

    Args:
        command: the argument vector.
        env: the environment (the current one when None).
        stdout_path: a file for its standard output (kept in memory and returned when None).
        cwd: its working directory.
        watch: texts to look for in its whole stderr (reported in ``seen``).
        timeout_s: kill the child (and its process group) after this many seconds.

    Returns:
        The exit code, wall seconds, peak memory of the tree, the largest single RSS, its
        standard output (empty when written to a file) and the last 2,000 characters of stderr.
    """
    peak = 0
    done = threading.Event()
    expired = threading.Event()
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out_tmp:
        out = stdout_path.open("wb") if stdout_path is not None else out_tmp
        started = time.perf_counter()
        try:
            proc = subprocess.Popen(
                list(command), env=env, cwd=cwd, stdout=out, stderr=err, start_new_session=True
            )
            killer = threading.Timer(timeout_s or 0, _kill_group, (proc.pid, expired))
            if timeout_s is not None:
                killer.start()

            def sample() -> None:
                nonlocal peak
                try:
                    watched = psutil.Process(proc.pid)
                except psutil.Error:
                    return
                while not done.is_set():
                    peak = max(peak, _tree_rss(watched))
                    done.wait(_SAMPLE_S)

            sampler = threading.Thread(target=sample, name="bench-rss", daemon=True)
            sampler.start()
            # os.wait4 rather than Popen.wait: it also returns the child's resource usage.
            _pid, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            killer.cancel()
            done.set()
            sampler.join()
        finally:
            if out is not out_tmp:
                out.close()
        out_tmp.seek(0)
        err.seek(0)
        stdout_text = out_tmp.read().decode("utf-8", "replace")
        stderr_text = err.read().decode("utf-8", "replace")
    return ChildRun(
        returncode=proc.returncode,
        seconds=seconds,
        peak_tree_mb=peak / 1e6,
        max_rss_mb=usage.ru_maxrss / 1e3,  # kilobytes on Linux
        stdout=stdout_text,
        stderr_tail=stderr_text[-2000:],
        seen=tuple(w for w in watch if w in stderr_text),
        timed_out=expired.is_set(),
    )


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) of `values`, interpolating linearly between ranks.

    Example:
        >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
        2.5
        >>> percentile([5.0], 95)
        5.0
    """
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
