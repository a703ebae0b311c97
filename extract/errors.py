"""Exception classes of aikg; every error a user can see derives from :class:`AikgError`."""

from __future__ import annotations

__all__ = [
    "AikgError",
    "ArticleError",
    "EngineError",
    "FrontMatterError",
    "RegistryError",
    "UnknownPredicateError",
]


class AikgError(Exception):
    """Base class of every error aikg raises on purpose; its message is meant for the user."""


class ArticleError(AikgError):
    """An article could not be read; names the file and what is wrong with it."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        message = f"{path}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class FrontMatterError(ArticleError):
    """The YAML front matter of an article is malformed or holds invalid fields."""


class EngineError(AikgError):
    """An extraction engine cannot run: its optional dependency is missing, or its job failed.

    Keeps the engine's name in ``engine`` and what to do about it in ``hint``.
    """

    def __init__(self, engine: str, problem: str, hint: str = "") -> None:
        self.engine = engine
        self.problem = problem
        self.hint = hint
        message = f"the {engine} engine {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)

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
