"""Errors a caller can explain: what went wrong (``kind``) and with what (the fields).

The message is in the library's terms (a ``SearchQuery`` field, not a command-line option or a
URL parameter); the CLI and the web phrase each ``kind`` for their own users from the fields.
"""

from __future__ import annotations

from dataclasses import dataclass

# What went wrong, one constant per kind of error.
QUERY_TOO_LONG = "query_too_long"  # value: its length in characters; limit: the most allowed
TOO_MANY_TERMS = "too_many_terms"  # value: its number of terms; limit: the most allowed
BAD_DATE = "bad_date"  # field: "since" or "until"; value: what was given
UNKNOWN_VALUE = "unknown_value"  # field: "categories", "doc_types" or "stance"; value; choices
BAD_DEPARTEMENT = "bad_departement"  # field: "departements"; value: what was given
# field: "communes", "epcis" or "regions"; value: what was given; detail: the code expected
BAD_PLACE = "bad_place"
BAD_PAGE = "bad_page"  # field: "limit" or "offset": limit below 1 or offset below 0
MALFORMED_QUERY = "malformed_query"  # detail: the engine's message; raw: the query was raw syntax
UNKNOWN_COLUMN = "unknown_column"  # detail: the engine's message (a raw query named a column)
TIMEOUT = "timeout"  # limit: the time limit in seconds
STOPPED = "stopped"  # the process is shutting down
NO_INDEX = "no_index"  # a read-only archive without a search index
UNSUPPORTED_BACKEND = "unsupported_backend"  # value: the archive's scheme ("postgresql")
FAILED = "failed"  # detail: the engine's message


@dataclass(frozen=True, slots=True)
class ErrorFields:
    field: str | None = None
    value: object = None
    choices: tuple[str, ...] = ()
    limit: float | None = None
    detail: str | None = None
    raw: bool = False


class SearchError(ValueError):
    """A search that cannot be answered; ``str()`` says why in one line, without a traceback."""

    def __init__(self, kind: str, message: str, **fields: object) -> None:
        super().__init__(message)
        self.kind = kind
        self.fields = ErrorFields(**fields)  # type: ignore[arg-type]

    @property
    def field(self) -> str | None:
        return self.fields.field

    @property
    def value(self) -> object:
        return self.fields.value


def unknown_value(field: str, value: str, choices: tuple[str, ...]) -> SearchError:
    return SearchError(
        UNKNOWN_VALUE,
        f"{field}: unknown value {value!r}; choose from {', '.join(choices)}",
        field=field,
        value=value,
        choices=choices,
    )


def malformed_query(detail: str, raw: bool) -> SearchError:
    hint = "check quotes, parentheses and operators" if raw else "full-text syntax needs a raw query"
    return SearchError(MALFORMED_QUERY, f"malformed query ({detail}); {hint}", detail=detail, raw=raw)
