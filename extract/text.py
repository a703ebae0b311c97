"""Cleaning article text: bytes to text, HTML to text, invisible characters out, endless sentences cut.

Every function here is linear in the length of its input, whatever the input holds, so a
hostile file costs no more than a long one.

Example:
    >>> clean_text("Open\\u200bAI \\x1b[31mraises\\x07\\n money.\\r\\n\\r\\n\\u202eNext.")
    'OpenAI raises money.\\n\\nNext.'
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

from extract.errors import ArticleError

__all__ = [
    "MAX_SENTENCE_WORDS",
    "cap_sentences",
    "clean_line",
    "clean_text",
    "decode_bytes",
    "drop_raw_text",
    "html_to_text",
    "looks_like_html",
]

#: A run of more words than this without a full stop is cut into sentences of this many words,
#: so that one endless "sentence" cannot make the parser's and the relation finder's work explode.
MAX_SENTENCE_WORDS = 200
#: Line and paragraph separators other than \n, read as line breaks.
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1f\x85\u2028]")
#: Terminal escape sequences (colours, cursor moves, window titles), removed whole.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
#: C0 and C1 control characters, read as spaces.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
#: Format and invisible characters, removed: soft hyphen, zero-width and bidirectional marks,
#: embeddings, overrides and isolates, byte-order marks, interlinear annotations, tag characters.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
#: Characters that mark bytes as binary when they are more than a tenth of the first 8 KB.
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_SAMPLE = 8192
_RAW_TEXT_TAGS = ("script", "style", "noscript", "template")
_RAW_TEXT_OPEN = re.compile(r"<(script|style|noscript|template)\b|<!--", re.IGNORECASE)
_RAW_TEXT_CLOSE = {tag: re.compile(rf"</{tag}\b[^<>]*>", re.IGNORECASE) for tag in _RAW_TEXT_TAGS}
_BLOCK_TAG = re.compile(r"</?(p|div|br|li|h[1-6]|tr|article|section)\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_SENTENCE_END = re.compile("[.!?\u2026][\"')\\]\u2019\u201d]*$")


def decode_bytes(raw: bytes, path: str) -> str:
    """The text of an article file: UTF-8, else UTF-16 with a byte-order mark, else Windows-1252
    or Latin-1 (common in saved pages, so decoded rather than rejected).

    Raises:
        ArticleError: the bytes are empty or only whitespace, or binary (a NUL byte, or more
            than a tenth of control characters, in the first 8 KB).

    Example:
        >>> decode_bytes("Caf\\xe9 \\u201cdeal\\u201d".encode("cp1252"), "a.md")
        'Café “deal”'
    """
    if not raw.strip():
        raise ArticleError(path, "is empty", "write the article text into it or remove the file")
    binary = ArticleError(path, "is binary, not text", "save it as UTF-8 Markdown, text or HTML")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise binary from None
    elif b"\x00" in raw[:_SAMPLE]:
        raise binary
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
    sample = text[:_SAMPLE]
    if len(_BINARY_CHARS.findall(sample)) * 10 > len(sample):
        raise binary
    return text


def looks_like_html(body: str) -> bool:
    """Whether a body is an HTML page rather than Markdown or text."""
    head = body.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<body", "<article"))


def drop_raw_text(body: str) -> str:
    """Remove ``<script>``, ``<style>``, ``<noscript>`` and ``<template>`` blocks and comments.

    An unclosed block runs to the end of the text.

    Example:
        >>> drop_raw_text("a<script>x()</script>b<!-- c -->d<STYLE>p{}")
        'a b d '
    """
    out: list[str] = []
    pos = 0
    while (opened := _RAW_TEXT_OPEN.search(body, pos)) is not None:
        out.append(body[pos : opened.start()])
        if opened.group(1) is None:
            end = body.find("-->", opened.end())
            pos = len(body) if end < 0 else end + 3
        else:
            closed = _RAW_TEXT_CLOSE[opened.group(1).lower()].search(body, opened.end())
            pos = len(body) if closed is None else closed.end()
        out.append(" ")
    out.append(body[pos:])
    return "".join(out)


def html_to_text(body: str) -> str:
    """The text of HTML markup: block elements become paragraph breaks, tags go, entities are
    decoded (call :func:`drop_raw_text` first).

    Example:
        >>> html_to_text("<p>Intel &amp; AMD</p><p>build</p>")
        '\\n\\nIntel & AMD\\n\\n\\n\\nbuild\\n\\n'
    """
    body = _BLOCK_TAG.sub("\n\n", body)
    body = _TAG.sub("", body)
    return html.unescape(body)


def clean_text(body: str) -> str:
    """NFC text without invisible characters, paragraphs separated by one blank line, hard-wrapped
    lines joined, and sentences of at most :data:`MAX_SENTENCE_WORDS` words."""
    body = unicodedata.normalize("NFC", body)
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    body = _INVISIBLE.sub("", _CONTROLS.sub(" ", _LINE_BREAKS.sub("\n", _ANSI.sub("", body))))
    # Hard-wrapped lines inside a paragraph are joined, so sentences are not cut at line ends.
    paragraphs = [cap_sentences(re.sub(r"\s+", " ", p).strip()) for p in re.split(r"\n\s*\n", body)]
    return "\n\n".join(p for p in paragraphs if p)


def cap_sentences(paragraph: str) -> str:
    """Cut every run of more than :data:`MAX_SENTENCE_WORDS` words without a full stop.

    Each cut ends the run with a full stop and starts a new paragraph, so the parser sees
    sentences of bounded length. ``paragraph`` has single spaces between words.

    Example:
        >>> cap_sentences(" ".join(["w"] * 401)).count(".\\n\\n")
        2
    """
    words = paragraph.split(" ")
    if len(words) <= MAX_SENTENCE_WORDS:
        return paragraph
    out: list[str] = []
    run = 0
    for word in words:
        run += 1
        if _SENTENCE_END.search(word):
            run = 0
        elif run >= MAX_SENTENCE_WORDS:
            out.append(word + ".\n\n")
            run = 0
            continue
        out.append(word + " ")
    return "".join(out).strip()


def clean_line(text: str) -> str:
    """One line of text (a title, a publisher): NFC, no invisible characters, single spaces.

    Example:
        >>> clean_line("  Micro\\u00adsoft\\n\\tWire ")
        'Microsoft Wire'
    """
    text = _INVISIBLE.sub("", _CONTROLS.sub(" ", _ANSI.sub("", unicodedata.normalize("NFC", text))))
    return re.sub(r"\s+", " ", text).strip()
