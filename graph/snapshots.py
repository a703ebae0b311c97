"""Snapshots of an on-disk store, so readers never open the folder a build is writing.

Oxigraph leaves reading a folder while another process writes it undefined. So a writer that
closes publishes a snapshot, ``<store>/snapshots/<number>``: a RocksDB checkpoint (a consistent
point in time, made of hard links, in milliseconds). Readers open the newest snapshot and hold a
shared ``flock`` on its folder; a writer removes older snapshots only when it can lock them
exclusively, so a snapshot in use is never removed under its reader.

Example:
    >>> import tempfile, pyoxigraph as ox
    >>> folder = Path(tempfile.mkdtemp())
    >>> publish_snapshot(ox.Store(str(folder / "s")), folder / "s").name
    '0000000001'
    >>> opened = open_snapshot(folder / "s")
    >>> opened is not None and opened.path == latest_snapshot(folder / "s")
    True
    >>> opened.close()
"""

from __future__ import annotations

import fcntl
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

__all__ = ["SNAPSHOTS_NAME", "OpenSnapshot", "latest_snapshot", "open_snapshot", "publish_snapshot"]

#: The folder, inside a store folder, of the snapshots readers open.
SNAPSHOTS_NAME = "snapshots"
_ATTEMPTS = 5


@dataclass(slots=True)
class OpenSnapshot:
    """A snapshot opened read-only, and the lock that keeps writers from removing it."""

    store: ox.Store
    path: Path
    handle: int

    def close(self) -> None:
        """Release the snapshot (closing the folder's descriptor releases its lock)."""
        if self.handle >= 0:
            os.close(self.handle)
            self.handle = -1

    def __del__(self) -> None:  # a reader dropped without close() must not pin its snapshot
        self.close()


def latest_snapshot(path: Path) -> Path | None:
    """The newest complete snapshot of the store folder ``path``, if it has one."""
    root = path / SNAPSHOTS_NAME
    try:
        names = [c.name for c in root.iterdir() if c.name.isdigit() and (c / "CURRENT").is_file()]
    except OSError:
        return None
    return root / max(names) if names else None


def open_snapshot(path: Path) -> OpenSnapshot | None:
    """Open the newest snapshot of ``path`` read-only; None when it has none.

    Raises:
        OSError: snapshots kept disappearing while being opened (writers publishing quickly).
    """
    for _ in range(_ATTEMPTS):
        newest = latest_snapshot(path)
        if newest is None:
            return None
        try:
            handle = os.open(newest, os.O_RDONLY)
        except OSError:
            continue  # removed since it was listed: look again
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            if not (newest / "CURRENT").is_file():
                raise FileNotFoundError(newest)  # removed before it was locked
            return OpenSnapshot(ox.Store.read_only(str(newest)), newest, handle)
        except OSError:
            os.close(handle)
    raise OSError(f"no snapshot of {path} stayed long enough to be opened")


def publish_snapshot(store: ox.Store, path: Path) -> Path:
    """Write a snapshot of ``store`` (opened for writing at ``path``); remove older unread ones.

    Only the holder of the store's write lock may call this.

    Raises:
        OSError: the snapshot could not be written.
    """
    root = path / SNAPSHOTS_NAME
    newest = latest_snapshot(path)
    name = f"{int(newest.name) + 1 if newest is not None else 1:010d}"
    staging = root / f".{name}.tmp"
    root.mkdir(exist_ok=True)
    if staging.exists():
        shutil.rmtree(staging)
    store.backup(str(staging))
    target = root / name
    staging.rename(target)
    for old in root.iterdir():
        if old.name != name:
            _remove_unread(old)
    return target


def _remove_unread(snapshot: Path) -> None:
    """Remove a snapshot (or a staging leftover of a killed writer) unless a reader holds it."""
    try:
        handle = os.open(snapshot, os.O_RDONLY)
    except OSError:
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return  # a reader holds it: a later writer removes it
    try:
        shutil.rmtree(snapshot, ignore_errors=True)
    finally:
        os.close(handle)
