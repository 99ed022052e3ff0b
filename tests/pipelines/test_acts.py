"""Acts inside documents, measured on the real minutes, deliberations and lists."""

from __future__ import annotations

import itertools
from functools import cache

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
