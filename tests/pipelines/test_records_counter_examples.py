"""Counter-examples the reviews of sessions 23, 24 and 25 wrote against the readers (short phrasings of
recueils and press pages): each reader still reads its real case, and no longer these. The real
cases are in the other test modules, on labelled texts; the commune readers' counter-examples are
in ``test_records_place_counter_examples``."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from pipelines.records import read_record
from pipelines.records.beneficiaries import beneficiary
from pipelines.records.counts import cameras, retention_days
from pipelines.records.courts import court_that_stops
from pipelines.records.heading import act_number
from pipelines.records.money_law import funding_rate, legal_basis
from pipelines.records.parties import authority, deciding_body
from pipelines.records.periods import authorised_period
from tests.pipelines.test_records_place_counter_examples import AIRCRAFT_TITLE

# The rules alone: the learnt model stays out.
pytestmark = pytest.mark.usefixtures("rules_only")


def test_a_title_s_holder_is_no_recital_description_or_address() -> None:
    for text in (
        "Arrêté n° 2025/01234 portant autorisation d'un système de vidéoprotection\n"
        "Vu le code de la sécurité intérieure, notamment ses articles L. 251-1 à L. 255-1 ;\n",
        "ARRÊTÉ PORTANT AUTORISATION D'UN SYSTÈME DE VIDÉOPROTECTION COMPORTANT 4 CAMÉRAS À VALENTON",
        "ARRÊTÉ PORTANT AUTORISATION D'UN SYSTÈME DE VIDÉOPROTECTION SUR LA VOIE PUBLIQUE À ARCUEIL",
        "portant autorisation d'un système de vidéoprotection Rue Jean Jaurès à Arcueil",
        "le système de vidéoprotection Installé à Arcueil comprend 4 caméras.",
        # An applicant's request in a recital is not the title's services.
        "Vu la demande d'autorisation du directeur départemental de la sécurité publique du Rhône tendant à "
        "procéder à la captation d'images ;",
    ):
        assert beneficiary(text) is None, text
    text = (
        "portant autorisation d'un système de vidéo protection\nTabac Presse Delvinquière 77 Avenue Denfert "
        "Rochereau à\n89000 AUXERRE"
    )
    holder = beneficiary(text)
    assert holder is not None and holder.value == "Tabac Presse Delvinquière"
    assert text[holder.start : holder.end] == "Tabac Presse Delvinquière"


def test_the_2023_law_named_in_passing_is_no_experiment() -> None:
    saint_malo = read_record(
        "Vidéoprotection : Saint-Malo installe 20 nouvelles caméras\nLe conseil municipal a voté "
        "l'installation de 20 caméras pour 250 000 euros. Le maire rappelle que la loi du 19 mai 2023 "
        "relative aux Jeux olympiques a renforcé les possibilités de visionnage des images par les agents "
        "de la SNCF.",
        ["videoprotection"],
    )
    assert saint_malo.kind != "experiment"
    wish = read_record(
        "La mairie refuse la vidéosurveillance algorithmique\nLe conseil municipal a adopté un vœu contre "
        "la VSA, que la loi du 19 mai 2023 permet d'expérimenter.",
        ["vsa"],
    )
    assert wish.kind == "motion_against"


def test_a_day_near_drones_that_is_not_the_flight_s() -> None:
    for text, kind in (
        (
            "Arrêté autorisant la captation d'images au moyen de caméras installées sur des drones\n"
            "Vu la demande du groupement de gendarmerie de l'Ain\nsollicitant l'usage de drones transmise "
            "le 2 juin 2025 ;\n",
            "drone_authorisation",
        ),
        (
            "Arrêté autorisant l'usage de drones par la police nationale, modifiant l'arrêté pris le 3 mars 2025",
            "drone_authorisation",
        ),
        (
            "caméras installées sur des aéronefs dans le cadre des conditions climatiques constatées depuis  le "
            "11 février 2026",
            "drone_authorisation",
        ),
        (
            "Les drones de la police ont survolé la capitale le 14 juillet 2024. La VSA est expérimentée.",
            "experiment",
        ),
    ):
        assert authorised_period(text, kind) == (None, None), text
    start, end = authorised_period(
        "Arrêté autorisant l'utilisation de drones\nau relai flamme paralympique le 25 aout 2024 (2 pages)"
    )
    assert start is not None and end is not None and start.value == end.value == dt.date(2024, 8, 25)


def test_a_contract_s_term_is_no_retention() -> None:
    assert (
        retention_days(
            "Le conseil municipal approuve le marché de maintenance des caméras et du système "
            "d'enregistrement sur une période de 4 ans."
        )
        is None
    )


def test_a_mayor_s_authorisation_or_a_council_s_cameras_beside_a_prefect_s_words() -> None:
    mayor = read_record(
        "Braize : dix caméras pour le bourg\nSans attendre l'avis du préfet, le maire vient d'autoriser par "
        "arrêté l'installation de dix caméras de vidéoprotection sur la place.",
        ["videoprotection"],
    )
    assert mayor.kind != "prefectoral_authorisation"
    # A no-fly zone beside cameras a council voted is no page without a decision.
    bayonne = read_record(
        "Fêtes de Bayonne : 12 caméras supplémentaires\nLa Ville a voté l'installation de 12 nouvelles "
        "caméras pour les fêtes, pour 80 000 euros. Le préfet a pris un arrêté portant interdiction des "
        "survols de drones.",
        ["videoprotection"],
    )
    assert bayonne.kind != "none"


def test_a_span_of_years_above_an_arrete_is_no_number() -> None:
    assert (
        act_number(
            "PRÉFET DES ALPES-MARITIMES\nCabinet\n2024 - 2025\nArrêté portant autorisation de captation "
            "d'images au moyen de caméras installées sur des aéronefs"
        )
        is None
    )


# Session 24's review.


def test_a_theft_at_night_or_dumping_keeps_its_cameras_decided() -> None:
    for text in (
        "Vol de nuit à l'atelier municipal : la commune s'équipe de caméras\nAprès un vol de nuit, le "
        "conseil municipal a approuvé jeudi l'achat de quatre caméras de vidéoprotection.",
        "Dépôts sauvages : la commune s'équipe de caméras\nLe conseil municipal a approuvé l'achat de cinq "
        "caméras de vidéoprotection nomades pour verbaliser les auteurs de dépôts sauvages et protéger "
        "les massifs des départs de feux.",
    ):
        assert read_record(text, ["videoprotection"]).kind == "deployment", text[:40]


def test_a_spaced_number_stops_before_a_day_or_pages() -> None:
    found = act_number(
        "ARRÊTÉ N° 2024 - 1234 - 12 juin 2024\nportant autorisation d'un système de vidéoprotection"
    )
    assert found is not None and found.value == "2024 - 1234"


def test_a_summary_entry_s_place_or_file_is_no_holder() -> None:
    for text in (
        "69-2025-06-16-00032 - AP portant autorisation exploitation\nsystème vidéoprotection Voie Publique (2 pages) Page 3",
        "69-2025-06-16-00033 - AP portant autorisation exploitation système vidéoprotection Périmètre de la gare (2 pages)",
    ):
        assert beneficiary(text) is None, text[-40:]


# Session 24's second review.


def test_cameras_against_arson_or_near_a_nest_are_still_decided() -> None:
    for text in (
        "Huit caméras contre les incendies de voitures\nLa municipalité a voté lundi l'installation de huit caméras "
        "de vidéosurveillance dans le quartier du Château-Blanc pour lutter contre les incendies de véhicules.",
        "Vidéoprotection au Vert-Bois\nLa ville a installé douze caméras de vidéosurveillance au Vert-Bois. Elles "
        "doivent permettre d'identifier les auteurs des incendies de voitures et des fumées de pétards.",
        "Cigognes\nLa ville a installé quatre caméras de vidéosurveillance près du nid des cigognes, après que des "
        "jeunes ont lancé des pierres sur les oiseaux.",
    ):
        assert read_record(text, ["videoprotection"]).kind == "deployment", text[:40]


def test_a_town_considering_cameras_then_voting_has_decided() -> None:
    valognes = read_record(
        "Vidéoprotection à Valognes\nLa commune envisage d'installer des caméras de vidéoprotection. Lors du dernier "
        "conseil municipal, les élus ont voté à l'unanimité une demande de subvention de 20 000 euros pour 8 caméras.",
        ["videoprotection"],
    )
    assert (valognes.kind, valognes.cameras) == ("grant_request", 8)
    voted = read_record(
        "Vidéoprotection : la commune passe à l'acte\nLa municipalité réfléchit à la mise en place de caméras depuis "
        "les cambriolages de 2022. Lundi soir, les élus ont voté l'installation de six caméras pour 32 000 euros.",
        ["videoprotection"],
    )
    assert (voted.kind, voted.cameras) == ("deployment", 6)


def test_a_decided_extension_s_total_is_its_count() -> None:
    text = (
        "Vidéoprotection\nLe conseil municipal a voté lundi l'extension du réseau de vidéoprotection, qui passera à "
        "45 caméras."
    )
    assert read_record(text, ["videoprotection"]).cameras == 45


def test_a_recital_s_code_is_its_own() -> None:
    found = legal_basis(
        "VU le code de la sécurité intérieure, notamment ses articles L. 251-1 à L. 255-1,\nVU le code de la route, "
        "notamment ses articles L. 411-8 et R. 411-8,\nVU le code général des collectivités territoriales,"
    )
    assert found is not None and found.value == ["CSI L.251-1 à L.255-1"]
    repeated = legal_basis(
        "Vu le code de la sécurité intérieure,\nVu le code général des collectivités territoriales, notamment ses "
        "articles L. 2212-1 et L. 2212-2,\nVu le code général des collectivités territoriales, et notamment son "
        "article L. 2215-1,"
    )
    assert repeated is not None and repeated.value == ["CGCT L.2212-1", "CGCT L.2212-2", "CGCT L.2215-1"]


# Session 25's review.


def test_a_demonstration_s_day_is_read_after_the_flight_s_own() -> None:
    text = AIRCRAFT_TITLE + (
        "à l'occasion de la manifestation déclarée par récépissé du 3 mai 2025 et se tenant le samedi 10 mai 2025"
    )
    start, end = authorised_period(text)
    assert start is not None and end is not None
    assert (start.value, end.value) == (dt.date(2025, 5, 10), dt.date(2025, 5, 10))
    start, _ = authorised_period(AIRCRAFT_TITLE + "dans le cadre des manifestations du 1er mai 2025")
    assert start is not None and start.value == dt.date(2025, 5, 1)


def test_a_count_decided_today_is_no_park() -> None:
    for text, count in (
        ("Le conseil municipal a approuvé aujourd'hui l'installation de 15 caméras de vidéoprotection.", 15),
        ("À ce jour, le projet prévoit l'installation de 8 caméras sur la voie publique.", 8),
        (
            "La municipalité a annoncé l'installation des 20 caméras que compte installer la commune d'ici 2026.",
            20,
        ),
    ):
        found, _ = cameras(text)
        assert found is not None and found.value == count, text
    assert cameras("La commune dispose désormais de 45 caméras.")[0] is None


def test_a_pronoun_is_the_court_only_when_the_court_was_the_subject() -> None:
    for text in (
        "La Ligue des droits de l'homme a déposé un recours devant le tribunal administratif de Montpellier "
        "contre l'arrêté autorisant les drones. Elle a annulé la manifestation prévue samedi.",
        "Le préfet a défendu son arrêté devant le tribunal administratif de Paris. Il a suspendu lui-même les "
        "vols de drones jeudi.",
    ):
        assert court_that_stops(text) is None, text
    ruled = court_that_stops(
        "Saisi en référé, le tribunal administratif de Rennes a rappelé que de telles mesures doivent être "
        "proportionnées. Il a suspendu l'arrêté du préfet autorisant les drones."
    )
    assert ruled is not None and ruled.value == "Tribunal administratif de Rennes"


def test_the_bouches_du_rhone_s_prefect_of_police_only_where_she_heads_the_act() -> None:
    for text in (
        # Visas run on one line; a title "pris après avis"; a delegation of signature to her.
        "PRÉFET DES BOUCHES-DU-RHÔNE\nArrêté n° 13-2025 portant autorisation d'un système de vidéoprotection\n"
        "Le préfet des Bouches-du-Rhône, Vu le code de la sécurité intérieure ; Vu le décret portant nomination "
        "de Mme X, préfète de police des Bouches-du-Rhône ;\n",
        "PRÉFET DES BOUCHES-DU-RHÔNE\nArrêté portant autorisation d'un système de vidéoprotection, pris après "
        "avis de la préfète de police des Bouches-du-Rhône\nLe préfet des Bouches-du-Rhône,\nVu le code ;\n",
        "PRÉFET DES BOUCHES-DU-RHÔNE\nArrêté portant délégation de signature à Mme Corinne Simon, préfète de "
        "police des Bouches-du-Rhône\nLe préfet des Bouches-du-Rhône,\nVu le code ;\n",
    ):
        found = authority(text)
        assert found is not None and found.value == "Préfecture des Bouches-du-Rhône", text


def test_an_article_run_into_the_deciding_line_is_no_summary_entry() -> None:
    text = (
        "PRÉFET DE LA GIRONDE\nRECUEIL DES ACTES ADMINISTRATIFS\nArrêté n° 33-2025-09-16-00012 autorisant la "
        "captation, l'enregistrement et la transmission d'images au moyen de caméras installées sur des aéronefs\n"
        "Le préfet de la Gironde,\nVu le code de la sécurité intérieure, notamment ses articles L. 242-1 à "
        "L. 242-8 ;\nARRÊTE : Article 1er : La captation d'images au moyen de caméras installées sur des "
        "aéronefs est autorisée du 18 septembre 2025 à 6h00 au 19 septembre 2025 à 2h00 sur la commune de "
        "Mérignac.\n"
    )
    record = read_record(text, ["drone"])
    assert (record.period_start, record.period_end, record.commune) == (
        dt.date(2025, 9, 18),
        dt.date(2025, 9, 19),
        "Mérignac",
    )


def test_a_rate_range_s_first_end_and_a_cap_are_no_rate() -> None:
    for text in (
        "La commune sollicite une subvention au titre du FIPD, le projet étant subventionné entre 50 % et 70 %.",
        "Subvention FIPD : de 20 % à 30 % du coût.",
        "Subvention DETR : les aides ne peuvent dépasser les 80 % du coût.",
    ):
        assert funding_rate(text) is None, text
    found = funding_rate("Subvention DETR au taux de 40 % du coût HT.")
    assert found is not None and found.value == 40


# Session 25's second review.


def test_a_subject_after_que_or_comme_still_decides() -> None:
    said = "Les drones pourront voler samedi, d'autant que le préfet a autorisé leur usage par arrêté."
    body = deciding_body(said, 0, len(said))
    assert body is not None and body[0] == "prefecture"
    announced = "Comme le maire l'avait annoncé, 12 caméras ont été installées."
    assert deciding_body(announced, 0, len(announced)) is not None
    started = time.perf_counter()
    long = "comme la ville de Nice a voté " * 6_666
    deciding_body(long, 0, len(long))
    assert time.perf_counter() - started < 60


def test_a_court_that_did_not_find_a_device_illegal_stopped_nothing() -> None:
    for text in (
        "Le tribunal administratif de Grenoble a jugé qu'elles n'étaient pas illégales et a rejeté la requête.",
        "Le tribunal administratif de Nice n'a pas jugé illégal le recours aux drones.",
        "Selon son avis, la CNIL juge illégales les caméras augmentées, mais la commune maintient son logiciel.",
    ):
        assert court_that_stops(text) is None, text


def test_a_moratorium_decided_while_a_committee_is_awaited_stands() -> None:
    text = (
        "Reconnaissance faciale : la ville instaure un moratoire\nLe maire a signé un arrêté instaurant un "
        "moratoire sur la reconnaissance faciale, en attendant un comité d'éthique."
    )
    assert read_record(text, ["reconnaissance_faciale"]).kind == "moratorium_ban"


def test_a_decided_total_reached_before_a_later_date_is_a_count() -> None:
    found, _ = cameras(
        "Le conseil municipal a voté l'extension du dispositif, qui passera à 45 caméras, dont la mise en "
        "service d'ici juin."
    )
    assert found is not None and found.value == 45
