"""Exception classes of aikg; every error a user can see derives from :class:`AikgError`."""

from __future__ import annotations

__all__ = [
    "AikgError",
    "ArticleError",
    "EngineError",
    "FrontMatterError",
    "HintedError",
    "RegistryError",
    "UnknownPredicateError",
]


class AikgError(Exception):
    """Base class of every error aikg raises on purpose; its message is meant for the user."""


class HintedError(AikgError):
    """An error that says what it is about, the problem, and what the user can do (the hint).

    Example:
        >>> str(HintedError("a.md: ", "empty file", "write the article's text"))
        "a.md: empty file (write the article's text)"
    """

    def __init__(self, about: str, problem: str, hint: str = "") -> None:
        self.problem = problem
        self.hint = hint
        super().__init__(f"{about}{problem} ({hint})" if hint else f"{about}{problem}")


class ArticleError(HintedError):
    """An article could not be read; names the file and what is wrong with it."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        super().__init__(f"{path}: ", problem, hint)


class FrontMatterError(ArticleError):
    """The YAML front matter of an article is malformed or holds invalid fields."""


class EngineError(HintedError):
    """An extraction engine cannot run: its optional dependency is missing, or its job failed.

    Keeps the engine's name in ``engine`` and what to do about it in ``hint``.
    """

    def __init__(self, engine: str, problem: str, hint: str = "") -> None:
        self.engine = engine
        super().__init__(f"the {engine} engine ", problem, hint)

    def __reduce__(self) -> tuple[type[EngineError], tuple[str, str, str]]:
        """Pickle by the constructor's arguments, so the error crosses from a Ray worker."""
        return (type(self), (self.engine, self.problem, self.hint))


class RegistryError(AikgError):
    """The actor registry data file is malformed."""


class UnknownPredicateError(AikgError):
    """A predicate name is not one of the contract's predicates."""

    def __init__(self, predicate: str, valid: frozenset[str]) -> None:
        self.predicate = predicate
        self.valid = valid
        super().__init__(f"unknown predicate {predicate!r}; available predicates: {', '.join(sorted(valid))}")
