"""The fields a review may correct, and the reading of a corrected value (from a form or the
command line, always text) into what the item's JSON holds.

A mention's category; a record's kind, technologies, date, counts, amount, names. A value left
as the item had it is no correction; an empty value clears a record's field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from archive.records import DECISION_KINDS
from archive.taxonomy import CATEGORY_IDS
from workspace.reviews import ReviewError

MAX_TEXT = 300


def _category(value: str) -> str:
    if value not in CATEGORY_IDS:
        raise ReviewError(f"{value or '(empty)'}: not a category; one of {', '.join(CATEGORY_IDS)}")
    return value


def _kind(value: str) -> str:
    if value not in DECISION_KINDS:
        raise ReviewError(f"{value or '(empty)'}: not a kind of decision; one of {', '.join(DECISION_KINDS)}")
    return value


def _technologies(value: str) -> list[str]:
    items = [part.strip() for part in re.split(r"[,;\s]+", value) if part.strip()]
    for item in items:
        _category(item)
    return sorted(set(items), key=items.index)


def _date(value: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ReviewError(f"{value}: not a date (YYYY-MM-DD)") from None


def _count(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) > 10_000_000:
        raise ReviewError(f"{value}: not a count (a whole number)")
    return int(value)


def _amount(value: str) -> float | None:
    if not value:
        return None
    plain = value.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "")
    plain = plain.replace(",", ".")
    try:
        amount = float(plain)
    except ValueError:
        raise ReviewError(f"{value}: not an amount in euros") from None
    if not 0 <= amount < 1e12:
        raise ReviewError(f"{value}: not an amount in euros")
    return amount


def _tax(value: str) -> str | None:
    if value and value not in ("HT", "TTC"):
        raise ReviewError(f"{value}: HT or TTC")
    return value or None


def _text(value: str) -> str | None:
    value = " ".join(value.split())
    if len(value) > MAX_TEXT:
        raise ReviewError(f"a corrected name has at most {MAX_TEXT} characters")
    return value or None


MENTION_FIELDS: dict[str, Callable[[str], Any]] = {"category": _category}
RECORD_FIELDS: dict[str, Callable[[str], Any]] = {
    "kind": _kind,
    "technologies": _technologies,
    "act_date": _date,
    "authority": _text,
    "commune": _text,
    "act_number": _text,
    "beneficiary": _text,
    "cameras": _count,
    "amount_eur": _amount,
    "amount_tax": _tax,
    "vendor": _text,
}


def correctable(item_kind: str) -> dict[str, Callable[[str], Any]]:
    return MENTION_FIELDS if item_kind == "mention" else RECORD_FIELDS


def read_corrections(item_kind: str, given: Mapping[str, str], current: Mapping[str, Any]) -> dict[str, Any]:
    """The corrected fields among ``given`` (field → text): those whose value differs from the
    item's ``current`` one, read into their JSON values."""
    fields = correctable(item_kind)
    unknown = sorted(set(given) - set(fields))
    if unknown:
        raise ReviewError(
            f"{', '.join(unknown)}: not a field a review may correct; one of {', '.join(fields)}"
        )
    corrections = {}
    for name, text in given.items():
        value = fields[name](text.strip())
        if value != _plain(current.get(name)):
            corrections[name] = value
    if item_kind == "record" and corrections.get("kind", "x") is None:
        raise ReviewError("a record's kind cannot be empty")
    return corrections


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if value == []:
        return []
    return value
