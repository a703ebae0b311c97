"""Exception classes of the graph stage; all derive from :class:`extract.errors.AikgError`."""

from __future__ import annotations

from extract.errors import AikgError

__all__ = [
    "BuildError",
    "FilterError",
    "GraphError",
    "QueryError",
    "QueryMemoryError",
    "QueryRefusedError",
    "QuerySyntaxError",
    "QueryTimeoutError",
    "StoreError",
    "StoreLockedError",
    "UnknownQueryError",
]


class GraphError(AikgError):
    """Base class of the errors raised by :mod:`graph`."""


class StoreError(GraphError):
    """A store could not be opened, read or written; names the location and the problem."""

    def __init__(self, location: str, problem: str) -> None:
        self.location = location
        self.problem = problem
        super().__init__(f"store {location}: {problem}")


class StoreLockedError(StoreError):
    """Another build holds the store's lock file."""


class BuildError(GraphError):
    """A build stopped (``--strict`` turns a skipped article into this error)."""


class FilterError(GraphError):
    """A deal filter names a value it cannot hold; lists the valid ones where they are few."""


class QueryError(GraphError):
    """A SPARQL query failed while it ran."""


class QuerySyntaxError(QueryError):
    """A SPARQL query does not parse."""


class QueryRefusedError(QueryError):
    """A query asked for something the read-only guard refuses (updates, SERVICE, LOAD...)."""

    def __init__(self, refused: str, reason: str) -> None:
        self.refused = refused
        self.reason = reason
        super().__init__(f"query refused: {refused} ({reason})")


class QueryTimeoutError(QueryError):
    """A query ran longer than its time limit."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        super().__init__(
            f"query stopped after the {timeout_s:g} s time limit "
            "(raise it with --timeout, or narrow the query)"
        )


class QueryMemoryError(QueryError):
    """A query needed more memory than the cap of the process that ran it."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        super().__init__(
            f"query stopped: it needed more than the {memory_mb} MB memory cap "
            "(narrow the query, lower --max-rows, or raise AIKG_QUERY_MEMORY)"
        )


class UnknownQueryError(QueryError):
    """A named query does not exist; lists the available names."""

    def __init__(self, name: str, available: list[str]) -> None:
        self.name = name
        self.available = available
        super().__init__(f"unknown query {name!r}; available queries: {', '.join(available)}")
