"""The `aikg` command line: extract, build, query, export, serve, app (a thin layer over graph/).

Data goes to stdout, progress and errors to stderr. Every :class:`~extract.errors.AikgError`
becomes a one-line ``Error: ...`` and exit code 1.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path
from typing import Any

import click

from extract.errors import AikgError
from extract.records import Article
from graph.cli_options import deal_filter_from, deal_filter_options, engine_option, store_option
from graph.cli_options import setting_help as _setting_help
from graph.errors import StoreError
from graph.results import QueryResult
from graph.settings import get_setting
from graph.store import OxigraphStore, open_store, read_lock

__all__ = ["cli", "one_line", "run_process"]

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_APP = Path(__file__).resolve().parent.parent / "app.py"
_QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class AikgGroup(click.Group):
    """A click group that turns every AikgError into a one-line error and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AikgError as exc:
            raise click.ClickException(str(exc)) from None


def one_line(text: str) -> str:
    """Text safe to print as one line: control, format and line-separator characters (from
    file names or article text) written as escapes, so nothing can break or recolour the line.

    Example:
        >>> one_line("bad\\nname\\x1b[31m.md")
        'bad\\\\nname\\\\x1b[31m.md'
    """
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\n")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def run_process(command: list[str], env: dict[str, str] | None = None) -> int:
    """Run a child process in the foreground and return its exit code.

    Ctrl-C stops both; so does SIGTERM, which is passed on to the child (without that, the
    Oxigraph server of a terminated ``aikg serve`` would go on serving). A child ended by a
    signal gives 128 + the signal number, as a shell reports it.
    """
    process = subprocess.Popen(command, env=env)
    forward = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, lambda *_: process.terminate()) if forward else None
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait()
        return 130
    finally:
        if forward:
            signal.signal(signal.SIGTERM, previous)
    return 128 - code if code < 0 else code


@click.group(cls=AikgGroup, context_settings=_CONTEXT)
@click.version_option(package_name="aikg")
def cli() -> None:
    """aikg: a knowledge graph of the AI-infrastructure build-out, read from the news."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option(
    "--processes", default=1, show_default=True, type=click.IntRange(1), help="spaCy workers (Ray actors)."
)
@engine_option
def extract(paths: tuple[str, ...], fmt: str, processes: int, engine: str) -> None:
    """Extract entities, amounts, power and relations as JSON lines on stdout.

    PATHS are files, folders (searched for .md, .txt, .html), or - for standard input. A path
    that cannot be read, an article whose id repeats an earlier one's, and an article whose
    extraction fails are reported on stderr (one line each) and skipped; the exit code is 1 only
    when no article could be read. With --engine ray, --processes Ray actors extract the
    articles (on the cluster that RAY_ADDRESS names, else on a local Ray) and the records come
    out in the same order as the local engine's.

    \b
    Example:
        aikg extract corpus/ --format jsonl > records.jsonl
        aikg extract corpus/ --engine ray --processes 2 > records.jsonl
    """
    from graph.builder import ExtractionFailure, extract_each

    articles, problems = _read_articles(paths)
    if not articles:
        raise click.ClickException("no readable article among the given paths")
    for ex in extract_each(articles, n_process=processes, engine=engine):
        if isinstance(ex, ExtractionFailure):
            message = f"skipped: {ex.article.path}: extraction failed ({ex.reason}); please report it"
            click.echo(one_line(message), err=True)
            problems += 1
            continue
        for rec in ex.records():
            click.echo(json.dumps(rec, ensure_ascii=False))
    if problems:
        click.echo(f"{problems} path(s) skipped", err=True)


def _read_articles(paths: tuple[str, ...]) -> tuple[list[Article], int]:
    """The readable articles among files, folders and - (standard input), and how many were not.

    Each unreadable path and each article whose id repeats an earlier one's gets one line on
    stderr. Standard input is read up to the article size limit, never further.
    """
    from extract import ArticleError, iter_article_paths, iter_articles
    from extract.corpus import DUPLICATE_ID_HINT, MAX_ARTICLE_BYTES, parse_article

    articles: list[Article] = []
    problems = 0
    ids: dict[str, str] = {}
    for raw in paths:
        found: list[Article | ArticleError] = []
        if raw == "-":
            data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
            try:
                if len(data) > MAX_ARTICLE_BYTES:
                    raise ArticleError(
                        "<stdin>",
                        f"is over the {MAX_ARTICLE_BYTES // (1024 * 1024)} MB limit",
                        "split it into separate articles",
                    )
                found.append(parse_article(data, default_id="stdin", path="<stdin>"))
            except ArticleError as exc:
                found.append(exc)
        else:
            try:
                found += iter_articles(iter_article_paths([raw]))
            except ArticleError as exc:
                click.echo(one_line(f"error: {exc}"), err=True)
                problems += 1
        for item in found:
            if isinstance(item, ArticleError):
                click.echo(one_line(f"skipped: {item}"), err=True)
                problems += 1
            elif item.id in ids:
                message = (
                    f"skipped: {item.path}: duplicate article id {item.id!r} "
                    f"(also {ids[item.id]}; {DUPLICATE_ID_HINT})"
                )
                click.echo(one_line(message), err=True)
                problems += 1
            else:
                ids[item.id] = str(item.path)
                articles.append(item)
    return articles, problems


@cli.command()
@click.argument("corpus", default="corpus")
@store_option
@click.option("--update-endpoint", metavar="URL", help=_setting_help("update_endpoint"))
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with an error at the first article that cannot be read or built (and check shapes).",
)
@click.option(
    "--processes", default=1, show_default=True, type=click.IntRange(1), help="spaCy workers (Ray actors)."
)
@engine_option
@click.option(
    "-v", "--verbose", is_flag=True, help="List every article as it is written and every record dropped."
)
def build(
    corpus: str,
    store: str | None,
    update_endpoint: str | None,
    strict: bool,
    processes: int,
    engine: str,
    verbose: bool,
) -> None:
    """Extract every changed article of CORPUS and write the graph into the store.

    Incremental: an article whose content hash is already stored is not extracted again.
    Articles removed from CORPUS stay in the store. An article that cannot be read or built is
    listed on stderr and skipped, and the exit code stays 0 (--strict makes it 1). Each article
    is written in one transaction: a build stopped at any moment leaves whole articles, and the
    next build completes the job. A second build on the same store is refused while one runs.

    Example:
        aikg build corpus --store .aikg/store
    """
    from graph.builder import build_corpus

    show = sys.stderr.isatty()

    def progress(done: int, total: int, doc_id: str) -> None:
        if show:
            click.echo(f"\r[{done}/{total}] {doc_id[:60]:<60}", err=True, nl=False)
        elif verbose:
            click.echo(f"written [{done}/{total}] {doc_id}", err=True)

    logger = logging.getLogger("graph")
    handler: logging.Handler = logging.NullHandler()
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("warning: %(message)s"))
    logger.addHandler(handler)
    target = open_store(store, update_endpoint)
    try:
        report = build_corpus(
            [corpus], target, progress=progress, n_process=processes, strict=strict, engine=engine
        )
    finally:
        target.close()
        logger.removeHandler(handler)
    if show:
        click.echo("", err=True)
    for path, message in report.articles_skipped:
        click.echo(one_line(f"skipped {path}: {message}"), err=True)
    for path, other in report.same_text:
        click.echo(
            one_line(f"note: {path} has the same text as {other}: its facts are recorded once"), err=True
        )
    if report.warnings and not verbose:
        click.echo(f"{len(report.warnings)} record(s) dropped (-v lists them)", err=True)
    click.echo(report.summary())


def _read_query(text: str) -> tuple[str, str | None]:
    """(SPARQL text, shipped query name or None) from an argument: text, a file, - or a name."""
    if text == "-":
        return sys.stdin.read(), None
    if "\n" not in text and len(text) < 4096 and Path(text).is_file():
        return Path(text).read_text(encoding="utf-8"), None
    if _QUERY_NAME.match(text):
        from graph.queries import get_query

        return get_query(text).text, text
    return text, None


def _params(pairs: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        out[name] = [*out[name], value] if name in out else value
    return out


@cli.command()
@click.argument("sparql", metavar="SPARQL|FILE|NAME")
@store_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option("--timeout", "timeout_s", type=float, help=_setting_help("query_timeout_s"))
@click.option("--max-rows", type=click.IntRange(0), help=_setting_help("max_rows"))
@click.option(
    "--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A shipped query's parameter."
)
def query(
    sparql: str,
    store: str | None,
    fmt: str,
    timeout_s: float | None,
    max_rows: int | None,
    params: tuple[str, ...],
) -> None:
    """Run a read-only SPARQL query over the union of all graphs.

    The query is SPARQL text, a file (- reads standard input), or the name of a shipped query
    (see `aikg queries`) whose parameters come from --param. Only SELECT, ASK, CONSTRUCT and
    DESCRIBE run; json and csv are the W3C SPARQL 1.1 results formats.

    Example:
        aikg query "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" --format csv
        aikg query actor_facts -p actor=https://aikg.dev/id/company/openai
    """
    text, name = _read_query(sparql)
    bound = _params(params)
    if bound and name is None:
        raise click.UsageError("--param works with the name of a shipped query (see `aikg queries`)")
    target = open_store(store, read_only=True, timeout_s=timeout_s, max_rows=max_rows)
    result: QueryResult
    if name is not None:
        from graph.queries import run_query

        result = run_query(target, name, timeout_s=timeout_s, max_rows=max_rows, **bound)
    else:
        result = target.query(text, timeout_s=timeout_s, max_rows=max_rows)
    out = {"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt]()
    click.echo(out, nl=not out.endswith("\n"))
    if result.truncated:
        cap = max_rows if max_rows is not None else get_setting("max_rows")
        click.echo(f"(stopped at the row cap of {cap} rows; raise it with --max-rows)", err=True)


@cli.command()
def queries() -> None:
    """List the shipped queries: name, parameters and title.

    Example:
        aikg queries
    """
    from graph.queries import list_queries

    for q in list_queries():
        params = " ".join(f"-p {p[0]}=<{p[1]}>" for p in q.params)
        click.echo(f"{q.name:<30} {q.title}" + (f"  [{params}]" if params else ""))


@cli.command()
@click.option("--format", "fmt", required=True, help="ttl, nt, nq, trig, jsonld, gexf, graphml, csv or html.")
@click.option("--output", "-o", required=True, help="The file to write.")
@deal_filter_options
@store_option
def export(fmt: str, output: str, store: str | None, **filters: Any) -> None:
    """Export the graph (RDF formats, or the actor network for Gephi and browsers).

    With filter options, only the deals they keep, with their reports, articles and parties.

    Example:
        aikg export --format gexf --output uk-2024.gexf --country GB --since 2024-01-01
    """
    from graph.export import EXPORT_FORMATS, export_store

    if fmt not in EXPORT_FORMATS:
        raise click.BadParameter(
            f"{fmt!r}; available formats: {', '.join(EXPORT_FORMATS)}", param_hint="--format"
        )
    deal_filter = deal_filter_from(**filters)
    path = export_store(open_store(store, read_only=True), fmt, output, deal_filter)
    kept = f"; filter: {deal_filter.describe()}" if deal_filter else ""
    click.echo(f"wrote {path} ({EXPORT_FORMATS[fmt]}{kept})", err=True)


def _oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise click.ClickException("the oxigraph server is not installed (pip install oxigraph)")
    return found


@cli.command()
@store_option
@click.option("--host", default=str(get_setting("serve_host")), show_default=True)
@click.option("--port", default=int(str(get_setting("serve_port"))), show_default=True, type=int)
def serve(store: str | None, host: str, port: int) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (the Oxigraph server).

    Queries see the union of all graphs as the default graph; updates are refused. It listens
    on 127.0.0.1 only, unless --host says otherwise. Builds into the store are refused while it
    is served.

    Example:
        aikg serve --port 7878   # then query http://127.0.0.1:7878/query
    """
    location = str(get_setting("store", store))
    if location.startswith(("http://", "https://")):
        raise click.ClickException(f"{location} is already an endpoint; serve a store folder")
    OxigraphStore(location, read_only=True).close()  # refuses a missing store or one being built
    command = [_oxigraph_binary(), "serve-read-only", "--location", location]
    command += ["--bind", f"{host}:{port}", "--union-default-graph"]
    with read_lock(Path(location)):  # builds on this store wait until the server stops
        if host not in _LOOPBACK:
            click.echo(f"warning: {host} is reachable from other machines; anyone there can query", err=True)
        click.echo(f"serving {location} read-only on http://{host}:{port}/query (Ctrl-C stops)", err=True)
        code = run_process(command)
    sys.exit(code)


@cli.command()
@store_option
@click.option("--port", default=int(str(get_setting("app_port"))), show_default=True, type=int)
def app(store: str | None, port: int) -> None:
    """Start the Streamlit explorer on 127.0.0.1.

    Example:
        aikg app --port 8501
    """
    if not _APP.is_file():
        raise StoreError(str(_APP), "app.py is missing")
    env = dict(os.environ, AIKG_STORE=str(get_setting("store", store)))
    command = [sys.executable, "-m", "streamlit", "run", str(_APP), "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false"]
    sys.exit(run_process(command, env))


def _register_add() -> None:
    from graph.cli_add import add

    cli.add_command(add)


_register_add()
