"""`aikg add`: news from URLs, feeds and files into the corpus, then into the graph."""

from __future__ import annotations

import click

from graph.cli_options import setting_help, store_option
from graph.store import open_store

__all__ = ["add"]


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--corpus",
    default="corpus",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The corpus folder that receives one Markdown file per article.",
)
@store_option
@click.option("--update-endpoint", metavar="URL", help=setting_help("update_endpoint"))
@click.option(
    "--watch", "watching", is_flag=True, help="Poll the SOURCES (feeds) and add what is new until stopped."
)
@click.option(
    "--every", default="15m", show_default=True, help="With --watch: time between polls (90s, 15m, 2h, 1d)."
)
@click.option(
    "--refresh", is_flag=True, help="Fetch feed entries again even when their URL is already stored."
)
@click.option(
    "--no-build", is_flag=True, help="Only write the corpus; build the graph later with `aikg build`."
)
def add(
    sources: tuple[str, ...],
    corpus: str,
    store: str | None,
    update_endpoint: str | None,
    watching: bool,
    every: str,
    refresh: bool,
    no_build: bool,
) -> None:
    """Add news from URLs, feeds and files to the corpus, then build it into the graph.

    SOURCES are URLs of article pages or of RSS/Atom feeds (every entry is added), saved
    .html/.htm pages, .txt and .md files (front matter optional), .jsonl files (one article
    object per line: text plus optional id, title, date, publisher, source, url, lang, tags),
    or folders of them. Each article is stored once as CORPUS/<id>.md; a copy of a stored
    article under another URL (wire copy) is recorded as one more source of it, and a page
    whose text changed replaces the stored version (and its facts). Only changed articles
    are extracted. A source that fails is reported on stderr and the others go on; the exit
    code is 1 when any source failed.

    \b
    Example:
        aikg add https://example.com/news/rss.xml saved-page.html notes.jsonl
        aikg add --watch https://example.com/news/rss.xml --every 15m
    """
    from extract.web import AddReport, add_sources, cycle_line, parse_interval, watch
    from graph.builder import build_corpus

    def build() -> str:
        target = open_store(store, update_endpoint)
        try:
            return build_corpus([corpus], target).summary()
        finally:
            target.close()

    def show(report: AddReport) -> None:
        for problem in report.problems:
            click.echo(f"error: {problem.message}", err=True)
        for note in report.notes:
            click.echo(f"note: {note}", err=True)

    if watching:
        every_s = parse_interval(every)

        def on_cycle(cycle: int, report: AddReport) -> None:
            show(report)
            line = cycle_line(cycle, report)
            if report.changed and not no_build:
                line += f"; {build()}"
            click.echo(line, err=True)

        click.echo(f"watching {len(sources)} source(s) every {every}; Ctrl-C stops", err=True)
        try:
            watch(sources, corpus, every_s=every_s, on_cycle=on_cycle)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
        return

    report = add_sources(sources, corpus, refresh=refresh)
    for _source, result in report.saved:
        click.echo(f"{result.status} {result.path}")
    show(report)
    click.echo(report.summary())
    if report.changed and not no_build:
        click.echo(build())
    if report.problems:
        raise click.exceptions.Exit(1)
