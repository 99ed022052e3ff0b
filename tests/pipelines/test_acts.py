"""Acts inside documents, measured on the real minutes, deliberations and lists."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

from pipelines.acts import split_acts
from pipelines.extract import ExtractionInput, extract_document
from pipelines.tagging import get_tagger
from tests import realdocs


@cache
def _extracted(path):
    return extract_document(ExtractionInput(url=path.as_uri(), body=path.read_bytes()))


def test_the_255_page_minutes_are_split_into_their_129_items_with_titles_pages_and_votes() -> None:
    result = _extracted(realdocs.PV_255_PAGES)
    acts = result.acts
    assert [act.number for act in acts] == [str(n) for n in range(1, 130)]
    first = acts[0]
    assert (first.title, first.page_start, first.page_end) == ("Nouveaux temps scolaires", 5, 21)
    # "Pour : 44 / Contre : 8 / Abstentions : 2 / Adopté à la majorité"
    assert (first.vote_for, first.vote_against, first.vote_abstentions, first.unanimous, first.decision) == (
        44,
        8,
        2,
        False,
        "adopte",
    )
    second = acts[1]
    assert (
        second.title == "Approbation du plan de sauvegarde et de mise en valeur (PSMV) du secteur sauvegardé"
    )
    assert (second.vote_for, second.vote_against, second.unanimous) == (51, 0, True)
    assert acts[59].title == "88 bis avenue de Toulouse"  # a title may start with a figure
    assert all(a.end == b.start for a, b in itertools.pairwise(acts))
    assert acts[-1].page_end == 255


def test_each_camera_mention_of_the_minutes_falls_in_its_act() -> None:
    result = _extracted(realdocs.PV_255_PAGES)
    text = "\f".join(result.pages)
    mentions = [m for m in get_tagger().tag(text, True) if "caméra" in m.matched]
    assert mentions
    for mention in mentions:
        act = next(act for act in result.acts if act.start <= mention.start < act.end)
        assert act.number == "23"
        assert act.title.startswith("Convention financière Ville/Communauté d'Agglomération")
        assert act.page_start <= mention.page <= act.page_end


def test_a_deliberation_on_its_own_is_one_act_with_its_number_object_and_actes_id() -> None:
    result = _extracted(realdocs.DELIB_VIDEOPROTECTION)
    [act] = result.acts
    assert (act.kind, act.number, act.page_start, act.page_end, act.decision) == (
        "deliberation",
        "2013/14",
        1,
        2,
        "adopte",  # "Le Conseil adopte."
    )
    assert act.title.startswith("Extension du Réseau de Vidéoprotection Urbaine – Génie Civil")
    assert act.actes.actes_id == "034-213401722-20130204-0000061100-DE"
    assert result.actes.actes_siren == "213401722"


def test_a_small_commune_report_with_counted_votes() -> None:
    acts = _extracted(realdocs.COUTHENANS_CR).acts
    assert [(a.number, a.title) for a in acts] == [
        ("1", "Recensement voirie communale"),
        ("2", "Renouvellement contrat GRDF"),
        ("3", "Transfert propriété temple de l’association culturelle vers la commune de Couthenans"),
        ("4", "Questions diverses"),
    ]
    # "12 votes pour." / "3 abstentions 8 votes pour" / "2 contre 3 absentions 6 votes pour"
    assert [(a.vote_for, a.vote_against, a.vote_abstentions) for a in acts[:3]] == [
        (12, 0, 0),
        (8, 0, 3),
        (6, 2, 3),
    ]
    assert acts[3].vote_for is None


def test_a_list_of_deliberations_splits_on_its_bullets() -> None:
    acts = _extracted(realdocs.flaux_liste_nfd()).acts
    assert len(acts) == 6
    assert acts[0].title == "Approbation du procès-verbal du 04 avril 2025"
    assert acts[5].title == "Modification de la délibération n°2024-37 Remplacement des bornes à incendie"


def test_register_numbers_explicit_headings_and_decisions_after_deliberating() -> None:
    text = (
        "Procès-verbal de la séance du 3 mars 2018\n"
        "028/18 : Installation de caméras de vidéoprotection au stade\n"
        "Le conseil municipal, après en avoir délibéré, à l'unanimité, APPROUVE le projet.\n"
        "029/18 : Tarifs de la cantine\nLe conseil, après en avoir délibéré, REJETTE la proposition.\n"
    )
    acts = split_acts(text, "proces_verbal", paged=False)
    assert [(a.number, a.title, a.decision, a.unanimous) for a in acts] == [
        ("028/18", "Installation de caméras de vidéoprotection au stade", "approuve", True),
        ("029/18", "Tarifs de la cantine", "rejette", None),
    ]
    assert acts[0].page_start is None
    raa = (
        "Recueil des actes administratifs n° 12\n"
        "Arrêté n° 2024-00493 portant autorisation d'un système de vidéoprotection\nLe préfet arrête…\n"
        "Arrêté n° 2024-00494 portant fermeture d'un débit de boissons\nLe préfet arrête…\n"
        "Délibération n° 2013/14 : vue en passant\n"
    )
    acts = split_acts(raa, "raa", paged=False)
    assert [(a.kind, a.number) for a in acts] == [
        ("arrete", "2024-00493"),
        ("arrete", "2024-00494"),
        ("deliberation", "2013/14"),
    ]
    assert acts[0].title == "portant autorisation d'un système de vidéoprotection"


def test_a_list_of_contents_is_not_taken_for_the_items() -> None:
    body = "Le conseil délibère longuement sur ce point, avec des chiffres et des débats. " * 5
    text = (
        "Ordre du jour :\n1- Budget\n2- Vidéoprotection\n\n"
        f"1- Budget primitif\n{body}\nAdopté à l'unanimité.\n2- Vidéoprotection du centre\n{body}\n"
    )
    acts = split_acts(text, "compte_rendu", paged=False)
    assert [a.title for a in acts] == ["Budget primitif", "Vidéoprotection du centre"]
    assert acts[0].decision == "adopte" and acts[0].unanimous is True


def test_agendas_and_unknown_documents_are_not_split() -> None:
    assert split_acts("1- Budget\n2- Vidéoprotection\n", "ordre_du_jour") == []
    assert split_acts("1- Budget\n2- Vidéoprotection\n", "other") == []


# --- numbering schemes and chains, from real minutes --------------------------------------------

AVRANCHES_2014 = (
    Path(__file__).resolve().parents[1] / "quality/minutes/avranches_CM_27_01_2014_proces-verbal.txt"
)
FARGUES_2018 = realdocs.REAL / (
    "demos/demos-pdf-converter/src/test/resources/org/demos/pdfconverter/TestWebDocumentFilterBySize_file_small_enough.pdf"
)


def test_items_numbered_after_the_sittings_date_and_not_their_sub_lists() -> None:
    # "2014.01.27 - 1  ADOPTION DU COMPTE-RENDU …" … "- 13"; inside the items, "1/ Travaux …",
    # "1.  d'approuver …" restart at 1 and are not items.
    acts = split_acts(AVRANCHES_2014.read_text(encoding="utf-8"), "proces_verbal", paged=False)
    assert [a.number for a in acts] == [f"2014.01.27-{n}" for n in range(1, 14)]
    assert acts[0].title == "ADOPTION DU COMPTE-RENDU DE LA SEANCE DU 04 NOVEMBRE 2013"
    assert acts[2].title.startswith("CREATION DU SYNDICAT MIXTE DE PRODUCTION D’EAU POTABLE DU GRANVILLAIS")
    assert acts[12].title.startswith("DELEGATION AU MAIRE - ARTICLES L-2122.22")


def test_register_codes_without_n_and_a_citation_that_goes_back_is_not_an_act() -> None:
    # "Délibération D2018-66" … "D2018-82", then "Informations diverses" 1/ … 6/ citing
    # "délibération D2018-39 diminution de la part variable …" at the head of a line.
    acts = _extracted(FARGUES_2018).acts
    assert [a.number for a in acts] == [f"D2018-{n}" for n in range(66, 83)]
    assert acts[0].title == "approbation du procès-verbal de la séance du 8 octobre 2018"  # "Objet :" dropped
    assert acts[-1].page_end == 27


def test_an_unnumbered_agenda_is_found_again_heading_by_heading() -> None:
    # "Ordre du jour" then eight plain lines; below, the same headings, or nearly
    # ("Désignations des délégués commissions municipales" / "Désignation des commissions
    # municipales"); the "1/4" … "4/4" page numbers of the convocation are not items.
    acts = _extracted(realdocs.FLAUX_DOC).acts
    assert [a.title for a in acts] == [
        "Approbation du compte rendu du conseil du 27 mai 2020",
        "Indemnité de fonction du maire et des adjointes",
        "Délégations de fonctions aux adjoints",
        "Désignations des délégués syndicaux",
        "Désignation des commissions municipales",
        "Délégation de signatures par arrêté n ° 400",
        "Désignations des membres de la Commission des Impôts Directs",
        "Questions diverses",
    ]


def test_a_tender_table_after_item_7_is_not_taken_for_items_8_and_9() -> None:
    body = "Le conseil délibère sur ce point et vote. " * 4
    items = "".join(f"{n}- Point de l'ordre du jour numéro {n}\n{body}\n" for n in range(1, 8))
    table = "Lot Désignation Montant HT\n8- Protection incendie 1 267,60 €\n9- Occultation 2 310,00 €\n"
    later = f"8- Convention avec le SDIS\n{body}\n9- Tarifs de la piscine\n{body}\n"
    acts = split_acts(items + table + later, "proces_verbal", paged=False)  # the table closes item 7
    assert [a.number for a in acts] == [str(n) for n in range(1, 10)]
    assert (acts[7].title, acts[8].title) == ("Convention avec le SDIS", "Tarifs de la piscine")


def test_split_items_roman_numerals_points_and_a_heading_at_the_top_of_a_page() -> None:
    body = "Exposé du rapporteur, débat et vote du conseil municipal. " * 3
    text = (
        f"14 - Budget annexe de l'eau\n{body}\n15 A - Tarifs de l'eau\n{body}\n15 B - Tarifs de l'assainissement\n"
        f"{body}\n16 - Questions diverses\n{body}\n"
    )
    text = "".join(f"{n} - Point {n}\n{body}\n" for n in range(1, 14)) + text
    assert [a.number for a in split_acts(text, "proces_verbal", paged=False)][13:] == [
        "14",
        "15 A",
        "15 B",
        "16",
    ]
    roman = f"I - Finances\n{body}\nII - Urbanisme\n{body}\nIII - Vidéoprotection\n{body}\n"
    assert [a.number for a in split_acts(roman, "compte_rendu", paged=False)] == ["I", "II", "III"]
    points = f"Point 1 : Budget\n{body}\nPOINT N° 2 – Caméras\n{body}\nPoint 3 : Divers\n{body}\n"
    assert [a.title for a in split_acts(points, "compte_rendu", paged=False)] == [
        "Budget",
        "Caméras",
        "Divers",
    ]
    # pdftotext puts the form feed right before a page's first line: "12 votes pour\f7/ Délibération…"
    paged = "".join(f"{n}/ Délibération {n}\n{body}\n12 votes pour\f" for n in range(1, 9))
    acts = split_acts(paged, "compte_rendu")
    assert [(a.number, a.page_start) for a in acts] == [(str(n), n) for n in range(1, 9)]


def test_one_lost_heading_does_not_cut_the_chain_and_an_annex_does_not_continue_it() -> None:
    body = "Le conseil municipal, après en avoir délibéré, approuve. " * 3
    text = "".join(f"{n}. Délibération {n}\n{body}\n" for n in range(1, 13) if n != 7)
    text += "ANNEXE\nListe des participants\n1. Maire\n2. Conseillère municipale\n"
    acts = split_acts(text, "proces_verbal", paged=False)
    assert [a.number for a in acts] == [str(n) for n in range(1, 13) if n != 7]


def test_split_acts_on_the_255_page_minutes_finds_its_129_items() -> None:
    # Its speed is measured by tests/benchmarks/bench_analysis.py, not asserted here.
    text = "\f".join(_extracted(realdocs.PV_255_PAGES).pages)
    assert len(split_acts(text, "proces_verbal")) == 129
