"""Prefects' acts as the recueils of `heldout29` to `heldout34` print them, read on their real
labelled texts (tests/quality/records.toml): summary entries' numbers without "n°", numbers run
into their titles or spaced out, the motto run into the prefect's title, articles whose commas
were lost, a helicopter's camera, days listed each with its article, no-fly bans and aviation
waivers, who an entry authorises, an amended act's number, an entry's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.records import read_record
from pipelines.records.beneficiaries import beneficiary
from pipelines.records.communes import official_name
from pipelines.records.heading import act_number
from pipelines.records.money_law import legal_basis
from pipelines.records.parties import authority
from tests.quality.records_scoring import labelled_texts

# The rules alone: the learnt model stays out.
pytestmark = pytest.mark.usefixtures("rules_only")

TEXTS = labelled_texts()
_PP_2023_01438 = (
    "h29-a-attrap-paris-75-2023-665-pp-arrete-2023-01438-camera-helicoptere-gendarmerie-hauts-de-seine"
)
_PP_2023_00455 = "h29-a-attrap-prefecture-de-police-arrete-2023-00455-cameras-aeronefs-finale-coupe-de-france"
_VAR_OP_70 = "h29-a-attrap-var-83-2025-290-ap-2025-bsp-op-70-cameras-aeronefs-apres-brouillage"


def _number(record_id: str) -> str | None:
    found = act_number(TEXTS[record_id])
    return found.value if found else None


def test_a_summary_entry_s_number_without_its_sign() -> None:
    # "80-2025-10-02-00003 - Arrêté 25-663 survol drone police 02 10 2025".
    assert _number("h29-a-attrap-somme-raa-special-2025-189-arrete-25-663-survol-drone-police") == "25-663"
    # "75-2023-11-24-00004 - arrêté 2023-01438 autorisant la captation".
    assert _number(_PP_2023_01438) == "2023-01438"
    # "83-2025-08-28-00003 - AP-2025-BSP-OP-70 autorisant", after a jammer's OP-69: a jammer's
    # act names an aircraft but is no surveillance act.
    assert _number(_VAR_OP_70) == "2025-BSP-OP-70"
    # A later entry's number is another act's: the Yvelines' first helicopter act has none, the
    # prefecture of police's "Arrêté 2026-00011" is listed after it.
    assert _number("h19-a-attrap-yvelines-78-2026-010-helicopteres-gendarmerie") is None


def test_a_number_run_into_its_title_and_the_motto_into_the_prefect() -> None:
    # "ARRETE N° 2023-00455autorisant la captation" under "CABINET DU PREFETDE POLICELiberté".
    text = TEXTS[_PP_2023_00455]
    assert _number(_PP_2023_00455) == "2023-00455"
    named = authority(text)
    assert named is not None and named.value == "Préfecture de police de Paris"


def test_articles_listed_with_their_commas_lost() -> None:
    # "ses articles L. 122-2, L. 226-1 L. 242-1 à L.242-8 et R. 242-8 à R. 24214".
    found = legal_basis(TEXTS[_PP_2023_00455])
    assert found is not None
    assert {"CSI L.242-1 à L.242-8", "CSI R.242-8 à R.242-14"} <= set(found.value)
    # "ses articles L. 242-1 à L. 242-8, L. 242-5, | et R. 242-8à R. 242-14" (a table's rule left).
    gironde = legal_basis(
        TEXTS["h29-a-attrap-gironde-33-2025-189-cameras-aeronefs-prevention-incendies-criminels"]
    )
    assert gironde is not None and "CSI R.242-8 à R.242-14" in gironde.value


def test_a_helicopter_s_camera_and_its_two_days() -> None:
    # "… au moyen d'une caméra installée sur un hélicoptère de la gendarmerie nationale le 25 et le
    # 26 novembre 2023".
    record = read_record(TEXTS[_PP_2023_01438], ["drone"])
    assert record.kind == "drone_authorisation"
    assert record.cameras == 1
    assert (record.period_start, record.period_end) == (dt.date(2023, 11, 25), dt.date(2023, 11, 26))


def test_a_recueil_whose_aircraft_act_is_a_no_fly_ban_decides_nothing_about_cameras() -> None:
    # "ARRÊTÉ PRÉFECTORAL portant interdiction temporaire d'exploitation et d'évolution d'aéronefs
    # circulant sans équipage à bord (drones)", listed past the recueil's first 600 characters.
    for record_id in (
        "h29-a-attrap-var-83-2025-087-surveillance-baignades-interdiction-drones-cavalaire-negative",
        "h29-a-attrap-var-83-2025-144-interdiction-drones-circuit-paul-ricard-tirs-loup-negative",
    ):
        assert read_record(TEXTS[record_id], ["drone"]).kind == "none", record_id
    # A recueil that authorises a flight is still read as such.
    assert read_record(TEXTS[_VAR_OP_70], ["drone"]).kind == "drone_authorisation"


def test_heldout30_s_recueils() -> None:
    # "AP 2026-111 Drone DIPN 27 01 26 Nice": an act's number is no count of drones.
    nice = read_record(
        TEXTS["h30-a-attrap-alpes-maritimes-027-2026-06-ap-2026-111-drone-dipn-nice-27-janvier-2026"],
        ["drone"],
    )
    assert nice.cameras is None
    # "AP portant dérogation à l'interdiction de vol de nuit par aéronef télépiloté": an aviation
    # waiver, no camera's.
    waiver = "h30-a-attrap-puy-de-dome-63-2024-054-derogation-vol-de-nuit-aeronef-telepilote-stade-marcel-michelin-negative"
    assert read_record(TEXTS[waiver], ["drone"]).kind == "none"
    # "ARRÊTÉ n°2025 - 10 - 17 -\n0001 autorisant … caméras installées sur un aéronef le vendredi 17
    # octobre 2025" (a number spaced out and wrapped; one aircraft).
    rhone = TEXTS["h30-a-attrap-rhone-69-2025-267-arrete-2025-10-17-0001-camera-aeronef-villeurbanne-lyon"]
    assert act_number(rhone).value.split() == ["2025", "-", "10", "-", "17", "-", "0001"]
    record = read_record(rhone, ["drone"])
    assert (record.period_start, record.period_end) == (dt.date(2025, 10, 17), dt.date(2025, 10, 17))
    # "Arrêté CAB/SPAS/2024-698 portant autorisation de captation": services' initials and slashes.
    assert _number("h30-a-attrap-loire-atlantique-raa-114-2024-cab-spas-2024-698-cameras-aeronefs") == (
        "CAB/SPAS/2024-698"
    )
    # "Vu le décret n 2004-374 du 29 avril 2004": its "°" lost.
    found = legal_basis(TEXTS["h30-a-attrap-haute-garonne-31-2025-705-cameras-aeronefs-12-decembre-2025"])
    assert found is not None and "décret 2004-374" in found.value


def test_who_a_summary_entry_authorises() -> None:
    # "… portant autorisation exploitation\nsystème vidéoprotection Commune de L'Arbresle (2 pages)".
    arbresle = TEXTS["h30-a-attrap-rhone-69-2025-208-ap-16-juin-2025-videoprotection-commune-de-l-arbresle"]
    assert beneficiary(arbresle).value == "Commune de L'Arbresle"
    # "Arrêté portant autorisation des services de la\npolice nationale à procéder à la captation".
    yvelines = TEXTS["h30-a-attrap-yvelines-78-2025-109-police-nationale-cameras-aeronefs-guyancourt"]
    assert beneficiary(yvelines).value == "services de la police nationale"
    # A later entry's holder is another act's: the Aisne's first entry (a hospital, its name
    # wrapped) is the record's, not the "Commune de NEUVILETTE" listed after it.
    aisne = "h26-a-attrap-aisne-02-2025-102-arrete-2022-0152-m-2-2025-modification-videoprotection-ch-hirson"
    found = beneficiary(TEXTS[aisne])
    assert found is None or "NEUVILETTE" not in found.value


def test_heldout31_s_recueils() -> None:
    # "Arrêté n°2025-28-05-0001 autorisant la captation" (a sequence after its day, in the
    # Rhône's order): a number, not a day.
    assert _number(
        "h31-a-attrap-rhone-69-2025-135-arrete-2025-28-05-0001-camera-aeronef-genay-neuville-sur-saone"
    ) == ("2025-28-05-0001")
    # "VU I'arrété du ministre de l'Intérieur et des Outre-mer, en date du 19 avril 2023" (its "l'"
    # read as "I'").
    found = legal_basis(TEXTS["h31-a-attrap-oise-raa-special-20240605-cameras-aeronefs-gendarmerie"])
    assert found is not None and "arrêté du 19 avril 2023" in found.value


def test_heldout32_s_recueils() -> None:
    # "Arrêté préfectoral modifiant l'arrêté n°31-2024-05-13-00005 du 13 mai 2024": the amended
    # act's number is not this one's.
    assert _number("h32-a-attrap-haute-garonne-31-2024-195-modification-arrete-cameras-aeronefs") is None
    # "Arrêté n° BPA 24- 499 portant autorisation des services de la gendarmerie nationale".
    assert _number(
        "h32-a-attrap-yvelines-raa-271-bis-2024-arrete-bpa-24-499-gendarmerie-cameras-aeronefs"
    ) == ("BPA 24- 499")
    # The scope is read in the act's own entry, even when it ends past the first 1,000 characters:
    # not another entry's "ARRETE renouvellement chiens assistance" listed before it.
    cafe = TEXTS["h32-a-attrap-rhone-69-2025-329-ap-9-decembre-2025-videoprotection-cafe-oz-lyon-3"]
    assert read_record(cafe, ["videoprotection"]).scope == "new"


def test_heldout33_s_recueils() -> None:
    # The summary's first surveillance entry names the town ("… le mardi 7 octobre 2025\nà RONCHIN
    # (5 pages)"), not the road works' arrêté printed after it ("Commune de Lieu-Saint-Amand"),
    # whose "Code de la Route … articles L.411-8, R.411-8" are no CGCT articles for the next recital.
    nord = TEXTS["h33-a-nord-2025-303-ronchin-cameras-aeronefs"]
    record = read_record(nord, ["drone"])
    assert record.commune == "Ronchin"
    found = legal_basis(nord)
    assert found is None or not [article for article in found.value if article.startswith("CGCT")]
    # "portant dérogation à l'interdiction de voler de nuit": an aviation waiver.
    waivers = TEXTS["h33-a-loireatlantique-094-2024-negative-vols-de-nuit-spectacle-drones"]
    assert read_record(waivers, ["drone"]).kind == "none"
    # "articles L. 242-1 à L.  242-8" (two spaces), "décret n° 2004 -374" (a space before its hyphen).
    paris = legal_basis(TEXTS["h33-a-prefpolice-2025-01684-manifestation-20-decembre-cameras-aeronefs"])
    assert paris is not None and "CSI L.242-1 à L.242-8" in paris.value
    marseille = legal_basis(TEXTS["h33-a-bouchesdurhone-13-2025-166ter-cameras-aeronefs-2-juin"])
    assert marseille is not None and "décret 2004-374" in marseille.value
    # "AP 2024 01 29 - autorisant la captation": a day spaced out, no number.
    assert _number("h33-a-rhone-69-2024-032-cameras-aeronefs-29-janvier-2-fevrier") is None


def test_heldout34_s_recueils() -> None:
    # "Arrêté préfectoral n°2024.08.DS.0656 autorisant la captation" (the Hérault's numbers).
    assert _number(
        "h34-a-attrap-herault-recueil-special-172-2024-arrete-2024-08-ds-0656-aircraft-22-aout-2024"
    ) == ("2024.08.DS.0656")
    # "… dérogation à l'interdiction aux aéronefs télépilotés d'évoluer la nuit": an aviation waiver.
    gard = TEXTS["h34-a-attrap-gard-raa-30-2025-125-night-flight-waiver-remotely-piloted-aircraft-negative"]
    assert read_record(gard, ["drone"]).kind == "none"


def test_heldout35_s_recueils() -> None:
    # The Hérault's recueil lists its acts under "RECUEIL DES ACTES ADMINISTRATIFS" with no
    # "Sommaire": the period is its first aircraft entry's ("le 13 juillet 2024"), not the next
    # entry's "du 10 juillet au 10 août 2024".
    herault = TEXTS["h35-a-attrap-herault-recueil-special-142-2024-ap-2024-07-ds-0495-cameras-aeronefs"]
    record = read_record(herault, ["drone"])
    assert (record.period_start, record.period_end) == (dt.date(2024, 7, 13), dt.date(2024, 7, 13))
    # Its act's place and date of signing, "Montpellier, le 21 août 2024", is the prefecture's seat.
    signed = TEXTS[
        "h34-a-attrap-herault-recueil-special-172-2024-arrete-2024-08-ds-0656-aircraft-22-aout-2024"
    ]
    assert read_record(signed, ["drone"]).commune is None
    # "… aéronefs dans plusieurs communes de la Gironde dans le cadre de la mobilisation nationale
    # du 18 septembre 2025": the flights are the mobilisation's day.
    gironde = TEXTS[
        "h35-a-attrap-gironde-raa-special-33-2025-232-aeronefs-mobilisation-nationale-18-septembre"
    ]
    record = read_record(gironde, ["drone"])
    assert (record.period_start, record.period_end) == (dt.date(2025, 9, 18), dt.date(2025, 9, 18))
    # "… aéronefs à Paris applicables à l'occasion du Forum", "… agriculteurs a Cestasdu mercredi"
    # (a space lost); not one of several places ("à Paris et en Seine-Saint-Denis").
    forum = TEXTS[
        "h34-a-attrap-prefecture-de-police-arrete-2025-01414-aircraft-paris-forum-de-paris-sur-la-paix"
    ]
    assert read_record(forum, ["drone"]).commune == "Paris"
    cestas = TEXTS["h35-a-attrap-gironde-raa-special-33-2025-355-aeronefs-cestas-mobilisation-agriculteurs"]
    assert read_record(cestas, ["drone"]).commune == "Cestas"
    both = TEXTS[
        "h32-a-attrap-prefecture-de-police-arrete-2025-01465-cameras-aeronefs-paris-seine-saint-denis-9-novembre-2025"
    ]
    assert read_record(both, ["drone"]).commune is None


def test_the_bouches_du_rhone_s_prefect_of_police() -> None:
    # Filed under "Préfecture de Police des Bouches-du-Rhône" in a recueil attrap heads
    # "Préfecture des Bouches-du-Rhône", or headed "Préfète de police déléguée".
    for record_id in (
        "h35-a-attrap-bouches-du-rhone-raa-13-2024-175-ter-prefecture-de-police-cameras-aeronefs",
        "h34-a-attrap-bouches-du-rhone-raa-13-2025-274-bis-aircraft-18-septembre-2025",
        "h29-a-attrap-bouches-du-rhone-13-2025-310-prefete-police-deleguee-cameras-aeronefs-20-21-octobre-2025",
    ):
        found = authority(TEXTS[record_id])
        assert found is not None and found.value == "Préfecture de police des Bouches-du-Rhône", record_id
    # The département's own prefect, whose visas name the prefect of police's nomination, stays.
    text = (
        "PRÉFET DES BOUCHES-DU-RHÔNE\nArrêté portant autorisation d'un système de vidéoprotection\n"
        "Vu le décret portant nomination du préfet de police des Bouches-du-Rhône ;\n"
    )
    found = authority(text)
    assert found is not None and found.value == "Préfecture des Bouches-du-Rhône"


def test_heldout36_s_recueils() -> None:
    # The Gironde's summary writes its days in figures: "Arrêté du 01 10 2025 autorisant le survol
    # de drones de la gendarmerie à LANGON le 02 10 2025".
    langon = read_record(
        TEXTS["h36-a-attrap-gironde-raa-special-33-2025-247-drones-gendarmerie-langon"], ["drone"]
    )
    assert langon.act_date == dt.date(2025, 10, 1)
    assert (langon.period_start, langon.period_end) == (dt.date(2025, 10, 2), dt.date(2025, 10, 2))
    # "RAA 33 SPECIAL N° 2025-227" is no address; "… aéronefs sur Bordeaux le 14 septembre 2025",
    # "sur la commune de Bordeauxle 14 septembre 2025" (a day's article run into the town).
    bordeaux = TEXTS["h36-a-attrap-gironde-raa-special-33-2025-227-aeronefs-bordeaux-14-septembre"]
    assert read_record(bordeaux, ["drone"]).commune == "Bordeaux"
    glued = "Arrêté autorisant la captation d'images au moyen de caméras installées sur la commune de Bordeauxle 14 septembre 2025"
    assert read_record(glued, ["drone"]).commune == "Bordeaux"
    # Figures that are no day stay so: "du 12 15 2025".
    assert (
        read_record(
            "Arrêté du 12 15 2025 autorisant des caméras installées sur des aéronefs", ["drone"]
        ).act_date
        is None
    )


def test_a_commune_is_named_as_insee_writes_it() -> None:
    # "… à St-Etienne-du-Rouvray": Saint-Étienne-du-Rouvray, the name the map and the commune
    # pages match; a name cut short keeps its spelling ("Saint" is no "Le Saint").
    text = TEXTS["h37-a-attrap-seine-maritime-76-2026-062-drone-dipn-stupefiants-saint-etienne-du-rouvray"]
    assert read_record(text, ["drone"]).commune == "Saint-Étienne-du-Rouvray"
    assert official_name("MONTVAL SUR LOIR") == "Montval-sur-Loir"
    assert official_name("Saint") == "Saint"
    assert official_name("Le Saint") == "Le Saint"


def test_heldout38_s_recueils() -> None:
    # The Préfecture de Police des Bouches-du-Rhône forbids drones' flights: no camera of its own.
    bans = TEXTS["h38-a-attrap-bouches-du-rhone-13-2024-168-bis-interdiction-survol-drones-negative"]
    assert read_record(bans, ["drone"]).kind == "none"
    # "2025-10-02 AP DIPN 76 Drones JNA": the police's département, not 76 drones.
    flights = TEXTS["h38-a-attrap-seine-maritime-76-2025-203-dipn-drones-jna-le-havre-harfleur"]
    record = read_record(flights, ["drone"])
    assert record.kind == "drone_authorisation" and record.cameras is None
