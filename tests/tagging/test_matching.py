"""How the tagger copes with real documents' spelling, layout and traps."""

from __future__ import annotations

import pytest

from pipelines.extract import ExtractionInput, extract_document
from pipelines.tagging import get_tagger
from tests import realdocs


def categories(text: str) -> list[str]:
    return [m.category for m in get_tagger().tag(text)]


@pytest.mark.parametrize(
    "text",
    [
        "vidéoprotection",
        "VIDEOPROTECTION",
        "Vidéo-protection",
        "vidéo protection",
        "video  protection",
        "vidéo\u00a0protection",
        "vidéo\u2011protection",
        "VIDEO-\n\nPROTECTION",
        "vidéo-\nprotection",
        "vidéopro-\ntection",
    ],
)
def test_spellings_and_layout(text: str) -> None:
    assert categories(f"Le réseau de {text} urbaine.") == ["videoprotection"]


def test_typographic_apostrophes_and_ligatures() -> None:
    for text in (
        "lecture automatisée des plaques d’immatriculation",
        "lecture automatisee des plaques d'immatriculation",
    ):
        assert categories(text) == ["lapi"]
    assert (
        get_tagger().tag("Le conseil adopte un vœu contre la vidéosurveillance algorithmique.")[0].stance
        == "opposition"
    )
    assert (
        get_tagger().tag("Le conseil adopte un voeu contre la vidéosurveillance algorithmique.")[0].stance
        == "opposition"
    )


def test_split_words_keep_exact_offsets() -> None:
    text = "Le module de reconnais-\nsance faciale est refusé."
    [mention] = get_tagger().tag(text)
    assert mention.matched == "reconnais-\nsance faciale"
    assert text[mention.start : mention.end] == mention.matched
    assert (mention.category, mention.term, mention.stance) == (
        "reconnaissance_faciale",
        "reconnaissance faciale",
        "opposition",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le VSAV est en panne.", []),
        ("La VSA est expérimentée.", ["vsa"]),
        ("Le lapin de Pâques.", []),
        ("Les lapins du parc.", []),
        ("Le LAPI du véhicule.", ["lapi"]),
        ("Le dronet de la fontaine.", []),
        ("Les drones de la police.", ["drone"]),
    ],
)
def test_whole_words_only(text: str, expected: list[str]) -> None:
    assert categories(text) == expected


def test_longest_match_decides_the_category() -> None:
    [mention] = get_tagger().tag("Déploiement de la vidéoprotection intelligente au centre-ville.")
    assert (mention.category, mention.matched) == ("vsa", "vidéoprotection intelligente")


def test_context_is_about_300_characters_with_accents() -> None:
    text = (
        ("Préambule très long sur l’éducation. " * 20)
        + "Installation de caméras de vidéoprotection. "
        + ("Suite des délibérations. " * 20)
    )
    mention = get_tagger().tag(text)[0]
    assert 250 <= len(mention.context) <= 360
    assert "vidéoprotection" in mention.context and "l’éducation" in mention.context
    assert mention.context.startswith("…") and mention.context.endswith("…")


def test_exclusions_look_at_nearby_words_not_the_next_sentence() -> None:
    assert categories("Achat d'un drone agricole pour traiter les vignes.") == []
    assert categories("Achat d'un drone agricole. La police municipale demande des caméras.") == [
        "videoprotection"
    ]
    assert categories("Un drone survolera les vignes pour la surveillance des dépôts sauvages.") == ["drone"]


def test_medical_cameras_and_drones_forbidden_to_fly_are_not_surveillance() -> None:
    # A health agency's heavy equipment, in the Corse-du-Sud's recueil N°2A-2017-046.
    assert (
        categories("équipements matériels lourds suivants : caméra à scintillation munie ou non de détecteur")
        == []
    )
    # The Dordogne's recueil N°24-2025-059: a prefect forbids flights over an aerodrome.
    banned = (
        "24-2025-07-16-00005 - Arrêté portant interdiction des survols d'aéronefs\ntélépilotés sans "
        "personne à bord à l'aérodrome de Sarlat-Domme les 19\net 20 juillet 2025 (3 pages) Page 45"
    )
    assert categories(banned) == []
    flown = (
        "Arrêté autorisant la captation d'images au moyen de caméras installées sur des aéronefs télépilotés."
    )
    assert set(categories(flown)) == {"drone"}


def test_drones_the_police_may_jam_are_not_surveillance() -> None:
    # The Hérault's recueil n°147 of 2025 and the Côte-d'Or's N°21-2024-113, as their text layers print them.
    jammed = (
        "ARRÊTÉ PRÉFECTORAL N° 2025.07.DS.0427Autorisant les services du Groupement de Gendarmerie de "
        "l'Hérault à utiliser un dispositif debrouillage destiné à rendre inopérant un aéronef circulant "
        "sans personne à bord"
    )
    assert categories(jammed) == []
    assert (
        categories(
            "Arrêté préfectoral N°1335 autorisant la mise en oeuvre d'un dispositif de brouillage anti drone"
        )
        == []
    )
    # A jamming act beside the cameras of another sentence leaves those cameras' drones.
    both = (
        jammed + ". Arrêté autorisant la captation d'images au moyen de caméras installées sur des aéronefs."
    )
    assert categories(both) == ["drone"]


def _tag_pdf(path) -> list:
    result = extract_document(ExtractionInput(url=path.as_uri(), body=path.read_bytes()))
    return get_tagger().tag("\f".join(result.pages), paged=True)


def test_real_255_page_minutes_has_cameras_on_page_54_and_no_false_recognition() -> None:
    mentions = _tag_pdf(realdocs.PV_255_PAGES)
    assert {m.category for m in mentions} == {"videoprotection"}
    on_54 = [m for m in mentions if m.page == 54]
    assert {m.matched for m in on_54} >= {"caméras", "télésurveillance", "CSU"}
    assert "huit caméras de télésurveillance reliées au CSU" in on_54[0].context


def test_real_single_page_pdf_has_page_1() -> None:
    mentions = _tag_pdf(realdocs.COUTHENANS_CR)
    assert [(m.category, m.page) for m in mentions] == [("videoprotection", 1), ("videoprotection", 1)]


def test_real_school_booklet_is_not_surveillance() -> None:
    assert _tag_pdf(realdocs.FLAUX / "dossier d'accueil 2021-2022.pdf") == []


def test_a_term_run_into_the_next_word_by_a_text_layer_is_found() -> None:
    # The Oise's recueil: "Arrêté portant modification d'un système de vidéoprotectionLE PRÉFET".
    glued = "Arrêté portant modification d'un système de vidéoprotectionLE PRÉFET DE L'OISE"
    assert categories(glued) == ["videoprotection"]
    # The Seine-et-Marne's: "… au moyen de deuxcaméras installées sur un droneLe Préfet".
    assert categories("transmission d'images au moyen de deuxcaméras installées sur un droneLe Préfet") == [
        "drone"
    ]
    # Only where a small letter meets a capital: a word that merely begins a term is no term.
    assert categories("la dronelogie et les vidéoprotectionnistes") == []
    assert categories("La VidéoProtection de la ville") == ["videoprotection"]
    # After a word the layout split ("vidéo-\nprotection"), the glued term's offsets are still its own.
    text = "la vidéo-\nprotection est là. Système de vidéoprotectionLE PRÉFET"
    assert [text[m.start : m.end] for m in get_tagger().tag(text)] == [
        "vidéo-\nprotection",
        "vidéoprotection",
    ]


def test_a_hostile_run_of_case_changes_is_looked_at_a_bounded_number_of_times() -> None:
    from pipelines.tagging.folding import fold
    from pipelines.tagging.glued import MAX_GLUED, glued_word_ends

    text = "aB" * 200_000
    assert len(glued_word_ends(text, fold(text))) == MAX_GLUED
    # A term already matched with an ending ("caméraX": a plural's "x") is not found twice.
    assert categories("caméraX caméraX") == ["videoprotection", "videoprotection"]
