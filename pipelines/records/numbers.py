"""Numbers as French administrative texts write them: "2", "UN", "dix-huit", "1 267,60 €", "50 %".

Every reader here returns the value and the span it was read from, so that a decision record
can show a human the exact characters behind each figure.
"""

from __future__ import annotations

import re

# Counts of cameras, drones or years are small: the words up to twenty, and the tens after,
# cover what acts write out ("fixé à UN", "cinq ans", "vingt caméras").
_UNITS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "dix-sept": 17,
    "dix-huit": 18,
    "dix-neuf": 19,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
}
# Longest first, so that "dix-huit" is read whole rather than as "dix".
NUMBER_WORDS = "|".join(sorted((re.escape(word) for word in _UNITS), key=len, reverse=True))
# A count: digits (with a space or dot between thousands) or a number word.
COUNT = rf"(?:\d{{1,3}}(?:[  .]\d{{3}})+|\d+|(?:{NUMBER_WORDS})(?![\w-]))"


def count_value(written: str) -> int | None:
    """The integer a count is written as ("18", "1 200", "UN", "dix-huit"); None if it is none."""
    digits = re.sub(r"[\s.]", "", written)
    if digits.isdigit():
        return int(digits)
    return _UNITS.get(written.strip().lower())


# An amount in euros: "1 267,60 €", "45 000 euros", "12.500,00 € HT", "97 224.04 € T.T.C", "38k€";
# "3 M€" is not read.
_AMOUNT = re.compile(
    r"(?<![\d,.])(?P<number>\d{1,3}(?:[  .]\d{3})+|\d+)(?:[,.](?P<cents>\d{1,2})(?!\d))?\s?(?P<thousands>k\s?)?"
    r"(?:€|euros?\b|EUR\b)(?:\s*(?P<tax>H\.?T\.?|T\.?T\.?C\.?|hors taxes?|toutes taxes comprises)(?![\w]))?",
    re.IGNORECASE,
)


def amounts(text: str) -> list[tuple[float, str | None, int, int]]:
    """Every amount in euros: (value, "HT"/"TTC" or None, start, end), in text order."""
    found = []
    for match in _AMOUNT.finditer(text):
        value = float(re.sub(r"[\s.]", "", match["number"]) + "." + (match["cents"] or "0"))
        if match["thousands"]:
            value *= 1000  # "38k€"
        tax = match["tax"]
        basis = None
        if tax:
            basis = "TTC" if tax.lower().startswith(("t", "toutes")) else "HT"
        found.append((value, basis, match.start(), match.end()))
    return found


_PERCENT = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{1,2})?)\s?(?:%|pour\s?cent\b)", re.IGNORECASE)


def percents(text: str) -> list[tuple[float, int, int]]:
    return [
        (float(match[1].replace(",", ".")), match.start(), match.end())
        for match in _PERCENT.finditer(text)
        if float(match[1].replace(",", ".")) <= 100
    ]
