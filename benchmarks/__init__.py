"""aikg's benchmarks: a synthetic corpus generator and one entry point, ``python -m benchmarks``.

The run generates N articles (:mod:`benchmarks.synth`), then measures extraction throughput,
full and incremental builds, query latency on Oxigraph and on rdflib, exports and the app's
overview page, and prints a Markdown table against the targets (:mod:`benchmarks.report`).
"""

from benchmarks.synth import generate_corpus, mutate

__all__ = ["generate_corpus", "mutate"]
