"""Write the large hostile articles, and those that are not UTF-8, into a folder.

usage: python tests/data/hostile/make_hostile.py FOLDER

The small UTF-8 ones are committed beside this script. This one writes:

- ``huge-50mb.md``: 50 MB of text, ten times the file-size limit (refused without being read);
- ``long-sentence.md``: one sentence of 20,000 words (cut into sentences of 200 words, then built);
- ``over-text-limit.md``: 1 MB of ordinary prose, under the file-size limit but over the
  150,000-character text limit (refused after reading);
- ``binary.md`` (a PNG image), ``latin1.txt``, ``windows-1252.md`` and ``utf16-bom.txt``: bytes
  that are not UTF-8, kept out of the repository so that no tool trips over them.

The tests call :func:`write_large` and :func:`write_encoded` into a temporary folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["LONG_SENTENCE_WORDS", "write_encoded", "write_large"]

LONG_SENTENCE_WORDS = 20_000
_CLAUSES = (
    "Microsoft said it would invest $3.2 billion in Germany",
    "Nvidia partners with Oracle on a new cluster",
    "CoreWeave is building a 1.2 GW campus in Texas",
    "BlackRock put money into the project",
    "analysts in London expected more deals",
    "the utility agreed to supply power for two decades",
)
_PROSE = (
    "Oracle will spend $15 billion on a data center in Abilene, Texas. The campus will draw "
    "1.2 GW once complete. OpenAI is the main tenant, the companies said on Monday.\n\n"
)


def _long_sentence(words: int) -> str:
    out: list[str] = []
    i = 0
    while len(out) < words:
        out += [*_CLAUSES[i % len(_CLAUSES)].split(), "and"]
        i += 1
    return " ".join(out[:words]) + "."


def write_large(folder: Path) -> dict[str, Path]:
    """Write the large hostile files into ``folder``; returns their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "huge": folder / "huge-50mb.md",
        "long_sentence": folder / "long-sentence.md",
        "over_text_limit": folder / "over-text-limit.md",
    }
    block = ("word " * 200 + "\n") * 1000  # about 1 MB
    with paths["huge"].open("w", encoding="utf-8") as handle:
        handle.write("---\nid: huge-50mb\ntitle: Fifty megabytes\n---\n")
        for _ in range(50):
            handle.write(block)
    paths["long_sentence"].write_text(
        "---\nid: long-sentence\ntitle: One sentence of 20,000 words\ndate: 2025-01-02\n---\n"
        + _long_sentence(LONG_SENTENCE_WORDS)
        + "\n",
        encoding="utf-8",
    )
    paths["over_text_limit"].write_text("---\nid: over-text-limit\n---\n" + _PROSE * 6000, encoding="utf-8")
    return paths


def write_encoded(folder: Path) -> dict[str, Path]:
    """Write the files that are not UTF-8 into ``folder``; returns their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    files = {
        "binary.md": png + bytes(range(256)),
        "latin1.txt": (
            "---\nid: latin1\ntitle: Siemens \u00e0 Z\u00fcrich\n---\n"
            "Siemens will invest EUR 2 billion in Z\u00fcrich, the company said on Monday.\n"
        ).encode("latin-1"),
        "windows-1252.md": (
            "---\nid: windows-1252\ntitle: \u201cMicrosoft in Germany\u201d\n---\n"
            "Microsoft will invest \u20ac3.2 billion in Germany \u2014 "
            "its \u201clargest investment\u201d there.\n"
        ).encode("cp1252"),
        "utf16-bom.txt": "Nvidia will invest $5 billion in Intel, the companies said.\n".encode("utf-16"),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    target = Path(sys.argv[1])
    for path in [*write_large(target).values(), *write_encoded(target).values()]:
        print(f"{path} ({path.stat().st_size:,} bytes)")
