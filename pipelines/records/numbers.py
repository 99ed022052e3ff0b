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
_ONES = "|".join(
    sorted((re.escape(word) for word, value in _UNITS.items() if value < 20), key=len, reverse=True)
)
# A compound: "vingt-cinq", "trente et un", "soixante-dix-huit", "quatre-vingt-deux", "quatre-vingts".
_COMPOUND = (
    rf"(?:(?:vingt|trente|quarante|cinquante|soixante|quatre[\s-]vingt)(?:[\s-]+et[\s-]+(?:un|une|onze)|-(?:{_ONES}))"
    r"|quatre[\s-]vingts?)"
)
# A count: digits (with a space or dot between thousands) or number words.
COUNT = rf"(?:\d{{1,3}}(?:[  .]\d{{3}})+|\d+|(?:{_COMPOUND}|{NUMBER_WORDS})(?![\w-]))"


def count_value(written: str) -> int | None:
    """The integer a count is written as ("18", "1 200", "UN", "dix-huit", "vingt-cinq"); None if
    it is none."""
    digits = re.sub(r"[\s.]", "", written)
    if digits.isdigit():
        return int(digits)
    words = " ".join(written.strip().lower().split())
    if words in _UNITS:
        return _UNITS[words]
    parts = [part for part in re.split(r"[\s-]+", words) if part != "et"]
    if parts[:2] == ["quatre", "vingt"] or parts[:2] == ["quatre", "vingts"]:
        parts = ["quatre-vingt", *parts[2:]]
    tens = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "quatre-vingt": 80}
    if not parts or parts[0] not in tens:
        return None
    rest = "-".join(parts[1:])
    if not rest:
        return tens[parts[0]]
    ones = _UNITS.get(rest)
    return tens[parts[0]] + ones if ones is not None and ones < 20 else None


# An amount in euros: "1 267,60 €", "45 000 euros", "12.500,00 € HT", "97 224.04 € T.T.C", "38k€",
# "105.000 €uros HT", "8 millions d'euros", "quinze millions d’euros", "1,5 million d'euros";
# "3 M€" is not read.
_AMOUNT = re.compile(
    r"(?<![\d,.\w-])(?P<number>\d{1,3}(?:[  .]\d{3})+|\d+|(?P<word>" + NUMBER_WORDS + r"))"
    # "59 946, 50 € HT": a space may follow the decimal comma of a typed amount.
    r"(?:(?<=\d)(?:[,.](?P<cents>\d{1,3})|,\s(?P<spaced>\d{2}))(?!\d))?\s?"
    r"(?:(?P<thousands>k\s?)|(?P<millions>millions?\s+(?:d['’]\s?)?))?"
    r"(?:€(?:uros?\b)?|euros?\b|EUR\b)(?:\s*(?P<tax>H\.T\.?|HT|T\.T\.C\.?|TTC|hors taxes?|toutes taxes comprises)(?![\w]))?",
    re.IGNORECASE,
)
# "1 600 700,00 € HT, soit 1 920 840,00 € TTC": the same amount with its tax, not a second one.
_SAME_AMOUNT = re.compile(r"^[\s,]*(?:soit|c['’]est-à-dire|ou)\s*$", re.IGNORECASE)
# "un marché estimé entre 12 et 44 millions d'euros": a range is no amount decided.
_RANGE_BEFORE = re.compile(
    r"\bentre\s+[\d  .,]+(?:[a-z]+\s+)?(?:d['’]\s?euros?\s+|€\s+)?et\s+$", re.IGNORECASE
)


def amounts(text: str) -> list[tuple[float, str | None, int, int]]:
    """Every amount in euros: (value, "HT"/"TTC" or None, start, end), in text order; an amount
    restated with the other tax ("… € HT, soit … € TTC") counts once, as first written."""
    found: list[tuple[float, str | None, int, int]] = []
    for match in _AMOUNT.finditer(text):
        if _RANGE_BEFORE.search(text, max(0, match.start() - 40), match.start()) or (
            re.search(r"\bentre\s+$", text[max(0, match.start() - 10) : match.start()], re.IGNORECASE)
            and re.match(r"\s*et\s+\d", text[match.end() : match.end() + 12])
        ):
            continue
        if match["word"] and not match["millions"]:
            continue  # "deux euros" is no decision's amount; "quinze millions d'euros" is
        if match["word"]:
            value = float(_UNITS[match["word"].lower()])
        elif match["cents"] and len(match["cents"]) == 3 and not match["millions"]:
            continue  # "1.500" read as thousands is taken by the number part; "1,500 €" is unclear
        else:
            cents = match["cents"] or match["spaced"] or "0"
            value = float(re.sub(r"[\s.]", "", match["number"]) + "." + cents)
        if match["thousands"]:
            value *= 1000  # "38k€"
        if match["millions"]:
            value *= 1_000_000
        tax = match["tax"]
        basis = None
        if tax:
            basis = "TTC" if tax.lower().startswith(("t", "toutes")) else "HT"
        if (
            found
            and found[-1][1]
            and basis
            and basis != found[-1][1]
            and _SAME_AMOUNT.match(text[found[-1][3] : match.start()])
        ):
            continue
        found.append((value, basis, match.start(), match.end()))
    return found


_PERCENT = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{1,2})?)\s?(?:%|pour\s?cent\b)", re.IGNORECASE)


def percents(text: str) -> list[tuple[float, int, int]]:
    return [
        (float(match[1].replace(",", ".")), match.start(), match.end())
        for match in _PERCENT.finditer(text)
        if float(match[1].replace(",", ".")) <= 100
    ]
