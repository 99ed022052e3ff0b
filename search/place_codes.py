"""The codes of places as users type them, checked and written one way.

A commune by its INSEE code, an EPCI by its SIREN, a département and a région by their COG
codes. Whether a well-formed code is one the registry knows is ``search.geography``'s to say;
here only its shape, so that the CLI, the web's URL checks and the search agree on it.
"""

from __future__ import annotations

import re

from search.errors import BAD_DEPARTEMENT, BAD_PLACE, SearchError

# Digits are ASCII ([0-9]: "\d" takes "٣٤" too).
# A département code as users type it ("1" or "01", "2a"; "034" as ACTES writes it is normalised
# first). Corsica is 2A and 2B: "20" is no département.
DEPARTEMENT_CODE = re.compile(
    r"0?[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|0?2[AB]|97[1-8]|98[6-9]", re.IGNORECASE
)
# A commune's INSEE code (COG): five characters, two of its département first ("34172", "2A004").
INSEE_CODE = re.compile(r"(?:[0-9]{2}|2[AB])[0-9]{3}", re.IGNORECASE)
# An EPCI's SIREN: nine digits ("243400017"), often written in groups of three.
SIREN = re.compile(r"[0-9]{9}")
# A région code (COG): 01 to 06 overseas ("1" for "01"), two digits in metropolitan France ("76").
REGION_CODE = re.compile(r"0?[1-6]|[1-9][0-9]")

# What each kind of code looks like, as the messages say it.
_EXPECTED = {
    "commune": "an INSEE code (34172, 2A004)",
    "epci": "a SIREN (9 digits: 243400017)",
    "region": "a région code (76, 11, 04…)",
}


def check_code(kind: str, code: str) -> str:
    """A ``commune``'s, ``epci``'s, ``departement``'s or ``region``'s code in its one spelling
    ("2a004" is "2A004", "243 400 017" "243400017", "034" "34", "1" "01"), else a ``SearchError``
    whose field is the filter's name (``communes``, ``epcis``, ``departements``, ``regions``)."""
    if kind == "departement":
        code = code.strip().upper()
        if not DEPARTEMENT_CODE.fullmatch(normalise_departement(code)):
            raise SearchError(
                BAD_DEPARTEMENT,
                f"departements: {code!r} is not a département code (01, 2A, 974…)",
                field="departements",
                value=code,
            )
        return normalise_departement(code)
    if kind == "epci":
        written, code = code.strip(), "".join(code.split())
        pattern = SIREN
    else:
        written = code = code.strip()
        pattern = INSEE_CODE if kind == "commune" else REGION_CODE
    if not pattern.fullmatch(code):
        raise _bad_place(f"{kind}s", written, _EXPECTED[kind])
    return code.zfill(2) if kind == "region" else code.upper()


def normalise_departement(code: str) -> str:
    """One spelling per département: "034" and "34" are "34", "02A" is "2A", "1" is "01"."""
    code = code.strip().upper()
    if len(code) == 3 and code.startswith("0"):
        code = code[1:]
    return code.zfill(2) if code.isdigit() else code


def _bad_place(field: str, value: str, expected: str) -> SearchError:
    return SearchError(
        BAD_PLACE, f"{field}: {value!r} is not {expected}", field=field, value=value, detail=expected
    )
