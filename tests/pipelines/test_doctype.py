from __future__ import annotations

import re
import unicodedata

import pytest

from pipelines.doctype import DOC_TYPES, fold, guess_doc_type
from pipelines.pdf_text import extract_pdf
from tests import realdocs


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        (None, "https://www.montpellier.fr/PV_CM_17_02_2014.pdf", "proces_verbal"),
        (None, "https://couthenans.fr/assets/pdf/CR_reunion_20211105.pdf", "compte_rendu"),
        ("liste des délibérations 16 mai 2025", "https://flaux.fr/x.pdf", "liste_deliberations"),
        ("Ordre du jour du conseil du 3 mars", "https://ville.fr/a", "ordre_du_jour"),
        ("Recueil des actes administratifs n°12", "https://www.gard.gouv.fr/raa", "raa"),
        (None, "https://couthenans.fr/assets/pdf/arrete_pref_%2023_03_2023.pdf", "arrete"),
        ("Délibération 2023-45", "https://ville.fr/d", "deliberation"),
        ("Accueil", "https://ville-de-testville.fr/vie-de-la-commune/", "other"),
    ],
)
def test_title_and_url(title, url, expected) -> None:
    assert guess_doc_type(title, url, "") == expected


def test_text_opening_decides_when_title_and_url_are_silent() -> None:
    text = extract_pdf(realdocs.DELIB_VIDEOPROTECTION.read_bytes()).pages[0]
    assert guess_doc_type(None, "https://ville.fr/document.php?id=77", text) == "deliberation"


def test_a_web_page_is_judged_by_its_opening_only() -> None:
    text = "Bienvenue sur le site de la ville\n" + "actualités " * 40 + "Consultez l'ordre du jour du conseil"
    assert guess_doc_type("Accueil", "https://ville.fr/", text, kind="html") == "other"


def test_types_are_the_public_contract() -> None:
    assert DOC_TYPES == (
        "deliberation", "proces_verbal", "compte_rendu", "liste_deliberations",
        "ordre_du_jour", "raa", "arrete", "other",
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Délibération n° 12 – Procès-verbal « Séance » de l’année",
        "ÉLECTIONS À L'HÔTEL DE VILLE ŒUVRE ﬁnancière",
        "Tiếng Việt, Ελληνικά ἄλφα, עִבְרִית, हिन्दी, 𝅘𝅥𝅮 \U0001d165\U0001d166",
        "plain ascii_file-name 2013",
        "",
    ],
)
def test_fold_drops_exactly_the_combining_marks(text: str) -> None:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    assert fold(text) == " ".join(re.sub(r"[\W_]+", " ", bare).split())
