"""Press and town pages as `heldout31` to `heldout35` wrote them, read on their real labelled
texts (tests/quality/records.toml): a town still thinking about cameras, the fire service's and a
nest's cameras, a park's first, present and future counts, a contract awarded to a group of firms,
an operator zooming on a plate, a page's layout labels, rates and sums not stated for sure, a
court named before the sentence that tells its ruling."""

from __future__ import annotations

import pytest

from pipelines.records import read_record
from pipelines.records.beneficiaries import beneficiary, vendor
from pipelines.records.counts import cameras
from pipelines.records.courts import court_that_stops
from pipelines.records.money_law import amount, funding_rate
from pipelines.records.parties import authority
from tests.quality.records_scoring import labelled_texts
from tests.tagging.passages import categories

# The rules alone: the learnt model stays out.
pytestmark = pytest.mark.usefixtures("rules_only")

TEXTS = labelled_texts()


def test_a_town_thinking_about_cameras_has_decided_nothing() -> None:
    # "Alors, la municipalité réfléchit à l'installation de caméras de vidéosurveillance dans le bourg."
    text = TEXTS["h31-c-francebleu-saint-pierre-eglise-reflexion-cameras-bourg"]
    assert read_record(text, ["videoprotection"]).kind == "debate_only"
    # Towns in general thinking about it are background: the page's own town decided.
    villedieu = TEXTS["web-francebleu-manche-villedieu-six-cameras-conseil-municipal"]
    assert read_record(villedieu, ["videoprotection"]).kind == "deployment"


def test_the_fire_service_s_cameras_watch_no_one() -> None:
    # "Les pompiers vont aussi bénéficier de caméras afin de mieux lutter contre les incendies …
    # pour détecter les anomalies comme l'apparition de fumées."
    text = TEXTS["h31-c-francebleu-sarthe-sdis-seize-cameras-detection-fumees"]
    assert read_record(text, ["videoprotection"]).kind == "none"


def test_a_park_s_first_and_future_counts_are_no_decision_s() -> None:
    # "Initialement composé de 9 caméras en 2004, le dispositif en compte aujourd'hui 114 et passera
    # à 120 caméras d'ici à 2026."
    text = TEXTS["h31-c-sainte-maxime-fr-cameras-pietons-police-municipale-prefecture-var"]
    assert cameras(text)[0] is None


def test_a_contract_awarded_to_a_group_of_firms() -> None:
    # "le conseil a décidé d'attribuer le marché de travaux au groupement solidaire Teim/Sippro".
    found = vendor(TEXTS["h31-c-pressreader-voix-le-bocage-marche-teim-sippro-108770-ttc"])
    assert found is not None and found.value == "Teim/Sippro"


def test_an_operator_zooming_on_a_plate_reads_no_plate_automatically() -> None:
    # "relevées par un agent assermenté … après un zoom caméra sur la plaque d'immatriculation".
    found = categories(TEXTS["h31-c-brignais-com-video-verbalisation-csu-rues"])
    assert "lapi" not in found and "videoprotection" in found
    assert "lapi" in categories(
        "Des caméras lisent les plaques d'immatriculation des véhicules qui entrent en ville."
    )


def test_heldout32_s_pages() -> None:
    # "Titre\n\nVidéo-protection\n\nChapô": a web page's layout labels, not the commune Le Titre.
    champigny = TEXTS["h32-c-champigny-sur-marne-73-fixes-18-nomades-extension"]
    assert read_record(champigny, ["videoprotection"]).commune != "Le Titre"
    # "Les deux cigognes couvent … sous l'œil d'une caméra de vidéo-surveillance": a nest's camera.
    storks = TEXTS["h32-c-neg-francebleu-allenjoie-camera-nid-cigognes"]
    assert read_record(storks, ["videoprotection"]).kind == "none"
    # "À l'heure actuelle, 65 caméras sont implantées … on aura intégré 30 caméras supplémentaires".
    beausoleil = TEXTS["h32-c-monacomatin-beausoleil-30-cameras-supplementaires"]
    found = cameras(beausoleil)[0]
    assert found is not None and found.value == 30


def test_plates_read_automatically_with_a_zoom_or_for_an_agent_are_still_read() -> None:
    for text in (
        "Les plaques d'immatriculation lues automatiquement par les caméras ne pourront être consultées que par un "
        "agent assermenté de la police municipale.",
        "Les caméras zooment sur les plaques d'immatriculation et un logiciel les compare automatiquement au fichier.",
        "Des caméras qui lisent automatiquement les plaques d'immatriculation, équipées d'un zoom optique.",
    ):
        assert "lapi" in categories(text), text[:40]


def test_a_page_that_reports_a_prefect_s_drone_arrete() -> None:
    # "Depuis l'arrêté préfectoral du 22 janvier dernier, la nuit, un drone equipé d'une caméra … est
    # utilisé par la gendarmerie … L'usage de caméras embarquées sur drones est autorisé pour …".
    text = TEXTS["h34-c-courrierdeguadeloupe-drone-gendarmerie-arrete-prefectoral-22-janvier"]
    record = read_record(text, ["drone"])
    assert (record.kind, record.cameras) == ("drone_authorisation", 1)
    found = beneficiary(text)
    assert found is None or "usage" not in found.value


def _ids(*prefixes: str) -> list[str]:
    return [next(key for key in TEXTS if key.startswith(prefix)) for prefix in prefixes]


def test_rates_and_sums_not_stated_for_sure() -> None:
    # "financé presque à 100%", "Il a réglé près de 58% de la facture", "subventionné entre 50 et
    # 70%", "ces aides ne peuvent dépasser 80 %": no grant's rate.
    for record_id in _ids(
        "h34-c-lepetitvendomois-sictom-montoire",
        "h29-c-francebleu-onze-communes-haute-savoie",
        "h33-c-mairie-roinville-agora",
        "h22-c-isere-departement-nouveau-dispositif",
    ):
        assert funding_rate(TEXTS[record_id]) is None, record_id
    # "Le coût … est évalué à 114 000 €", "d'un coût approximatif de 35 000 €", "qui devrait coûter
    # 74.000 euros", "d'au moins 10 000 euros": no amount.
    for record_id in _ids(
        "h32-c-francebleu-amiens-nord-fipd",
        "h28-c-toutmontbeliard-etouvans",
        "h19-c-orange-afp-dannemarie",
        "h28-c-coye29-oise-hebdo",
    ):
        assert amount(TEXTS[record_id])[0] is None, record_id
    # A rate granted and a cost stated stay: "à hauteur de 40 %", "pour un montant de 25 987 €".
    assert funding_rate("La DETR finance le projet de vidéoprotection à hauteur de 40 %.") is not None
    found, _ = amount("Le conseil vote l'installation de huit caméras pour un montant de 25 987 € HT.")
    assert found is not None and found.value == 25987


def test_a_park_as_it_stands_is_no_decision_s_count() -> None:
    # "A ce jour, la commune est équipée de 35 caméras", "la préfecture … dispose désormais de 117
    # caméras", "« À la date actuelle, on a 58 caméras effectives »", "les 67 caméras que compte la
    # Ville", "Aujourd'hui, deux caméras sont installées à Villefranche".
    for record_id in _ids(
        "h30-c-cabries-fr-refonte",
        "h35-c-lemans-maville-metropole",
        "h21-c-mayottehebdo-mamoudzou",
        "h23-c-rjfm-montlucon",
        "h29-c-francebleu-villefranche-de-lauragais",
    ):
        assert cameras(TEXTS[record_id])[0] is None, record_id
    found, _ = cameras("Le conseil municipal a voté l'installation de 35 caméras.")
    assert found is not None and found.value == 35


def test_a_court_named_before_the_sentence_that_tells_its_ruling() -> None:
    # "… le tribunal administratif a rappelé que … Il a suspendu l'arrêté de la préfète".
    (text,) = (TEXTS[key] for key in _ids("h35-c-ta-versailles-suspend"))
    assert read_record(text, ["drone"]).kind == "moratorium_ban"
    court = court_that_stops(text)
    assert court is not None and court.value == "Tribunal administratif"


def test_heldout36_s_pages() -> None:
    # "le budget 2025 de l'UL présentait un déficit de 15 millions d'euros": no cost; "130 000
    # euros avaient été débloqués à l'époque pour ce premier investissement": spent before.
    for record_id in _ids("h36-c-framapetitions-universite-lorraine", "h36-c-lacommere43-monistrol"):
        assert amount(TEXTS[record_id])[0] is None, record_id
    # A subsidy reported in the pluperfect is still the decision's: "une subvention de 72 972 euros
    # avait été attribué".
    (tourcoing,) = _ids("h16-b-christianvanneste-tourcoing")
    found, _ = amount(TEXTS[tourcoing], "grant_award")
    assert found is not None and found.value == 72972
    # "La SNCF vise 2000 caméras-piétons pour ses agents d'ici la fin de l'année": a goal.
    (sncf,) = _ids("h36-c-sncf-voyageurs-cameras-pietons")
    assert cameras(TEXTS[sncf])[0] is None


def test_heldout37_s_pages() -> None:
    # "Nous souhaitons un moratoire sur l'installation de nouvelles caméras": wished, not decided;
    # "soit autant que la ville de Bordeaux": a town compared with, no authority.
    (garenne,) = _ids("h37-c-la-garenne-citoyenne")
    record = read_record(TEXTS[garenne], ["videoprotection"])
    assert record.kind == "debate_only"
    assert authority(TEXTS[garenne]) is None
    # "le tribunal administratif d'Orléans ne déclare pas seulement l'ASA illégale": a ban.
    (orleans,) = _ids("h37-c-lemondeinformatique-ta-orleans")
    assert read_record(TEXTS[orleans], ["audiosurveillance"]).kind == "moratorium_ban"
    court = court_that_stops(TEXTS[orleans])
    assert court is not None and court.value.casefold() == "tribunal administratif d’orléans"
    assert (
        court_that_stops("Le tribunal administratif de Marseille a jugé que le dispositif était légal.")
        is None
    )


def test_heldout38_s_pages() -> None:
    # "Nous voulions réaliser du comptage de vélos": cameras that count traffic watch no one; nor
    # do detectors that photograph a hillside "face aux incendies".
    (bikes,) = _ids("h38-c-neg-smartcitymag-haute-loire")
    assert read_record(TEXTS[bikes], ["videoprotection"]).kind == "none"
    (fires,) = _ids("h38-c-neg-francebleu-tourrettes-sur-loup")
    assert read_record(TEXTS[fires], ["videoprotection"]).kind == "none"
    # "la mairie de Rochemaure a voté, le 7 février 2022 en conseil municipal, une étude sur
    # l'efficacité et l'installation de la vidéoprotection": a study, nothing installed.
    (rochemaure,) = _ids("h38-c-francebleu-rochemaure")
    assert read_record(TEXTS[rochemaure], ["videoprotection"]).kind == "debate_only"


def test_heldout39_s_pages() -> None:
    # "Livrées lundi, les caméras des agents entreront en service dès ce jeudi", "les caméras piétons
    # deuxième génération livrées en septembre 2021": devices delivered, put to work.
    for prefix in ("h39-c-snpm-cavaillon", "h39-c-francebleu-landes-dax"):
        (page,) = _ids(prefix)
        assert read_record(TEXTS[page], ["videoprotection"]).kind == "deployment"
    # Not a delivery of anything else: "le courrier livré hier" names no device.
    assert read_record("La mairie a reçu le courrier livré hier.", ["videoprotection"]).kind != "deployment"
