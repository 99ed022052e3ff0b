"""API models derived from the archive's contract (``archive.records``): a field the contract
gains is in the API by itself, written as JSON writes it (dates as ISO strings)."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, create_model

_WRITTEN: dict[Any, Any] = {dt.date: str, dt.date | None: str | None}


def contract_model(name: str, contract: type, fields: Iterable[str]) -> type[BaseModel]:
    """A pydantic model with ``contract``'s ``fields``, each with its annotated type."""
    hints = typing.get_type_hints(contract)
    typed: dict[str, Any] = {field: (_WRITTEN.get(hints[field], hints[field]), ...) for field in fields}
    return create_model(name, **typed)
