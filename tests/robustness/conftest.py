"""Fixtures of the robustness tests: the hostile articles, and one build of them shared by many tests.

``tests/data/hostile/`` holds the small hostile files; ``make_hostile.py`` beside them writes the
large ones (50 MB, a 20,000-word sentence, 1 MB of prose) and those that are not UTF-8 into a
temporary folder here.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"
CORPUS = ROOT / "corpus"
AIKG = Path(sys.executable).parent / "aikg"


def load_make_hostile() -> ModuleType:
    """tests/data/hostile/make_hostile.py as a module (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("cannot load make_hostile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True, slots=True)
class HostileBuild:
    """`aikg build` of every hostile article: folder, store, exit code, output, time and memory."""

    folder: Path
    store: Path
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    def skipped(self) -> dict[str, str]:
        """The stderr line of each skipped file, by file name."""
        out = {}
        for line in self.stderr.splitlines():
            if line.startswith("skipped "):
                path = line[len("skipped ") :].split(": ", 1)[0]
                out[Path(path).name] = line
        return out


#: Runs a command and writes the peak resident memory of its process tree (KB) to a file.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[2:], capture_output=True, text=True)\n"
    "sys.stdout.write(done.stdout); sys.stderr.write(done.stderr)\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(done.returncode)\n"
)


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every hostile article, small and large, in one folder."""
    folder = tmp_path_factory.mktemp("hostile") / "articles"
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("*.py", "README.md", "__pycache__"))
    make_hostile = load_make_hostile()
    make_hostile.write_large(folder)
    make_hostile.write_encoded(folder)
    return folder


@pytest.fixture(scope="session")
def hostile_build(hostile_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    """`aikg build` of the hostile folder into a new store, in a child process whose time and
    peak memory are measured."""
    work = tmp_path_factory.mktemp("hostile-store")
    store, figure = work / "store", work / "peak-kb"
    command = [sys.executable, "-c", _MEASURE, str(figure), str(AIKG), "build", str(hostile_dir)]
    started = time.perf_counter()
    done = subprocess.run([*command, "--store", str(store)], capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - started
    peak_mb = int(figure.read_text(encoding="utf-8")) / 1024
    return HostileBuild(hostile_dir, store, done.returncode, done.stdout, done.stderr, seconds, peak_mb)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Callable[[int, int], Path]:
    """A function copying corpus articles [start, stop) (in name order) into tmp_path/corpus."""

    def copy(start: int, stop: int) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        articles = [p for p in sorted(CORPUS.glob("*.md")) if p.name != "README.md"]
        for path in articles[start:stop]:
            shutil.copy(path, folder / path.name)
        return folder

    return copy


def aikg(*args: str) -> subprocess.Popen[str]:
    """`aikg ARGS` in a child process, stdout discarded, stderr piped as text."""
    return subprocess.Popen([str(AIKG), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
