"""Decision records read from real prefectoral arrêtés (the Manche's bulletins), field by field.

Each expected value was read by hand in the arrêté; each field's evidence must be the very
characters of the text it was read from.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from archive.records import DecisionRecord
from pipelines.dates import find_date
from pipelines.records import heading, read_record
from pipelines.records.build import SITTING_SOURCE, records_for
from pipelines.records.parties import authority
from pipelines.tagging import get_tagger
from tests import realdocs
from tests.quality.records_scoring import labelled_texts

QUALITY = Path(__file__).parents[1] / "quality" / "records.toml"


def _arrete(text: str, heading: str, until: str) -> str:
    """The arrêté whose heading starts a line with ``heading`` (its last such line), up to ``until``."""
    start = text.rindex("\n" + heading) + 1  # the body, after the summary lists the same heading
    return text[start : text.index("\n" + until, start) + 1]


def _evidence_is_the_text(record: DecisionRecord, text: str) -> None:
    for name, (start, end) in record.evidence.items():
        assert 0 <= start < end <= len(text), name


def test_a_drone_flight_over_a_football_match() -> None:
    bulletin = realdocs.RAA_MANCHE_DRONES.read_text(encoding="utf-8")
    text = _arrete(bulletin, "Arrêté du 12 mars 2025 autorisant", "Arrêté du 12 mars portant")
    record = read_record(text, ["drone"], document_date=2025)
    assert record.kind == "drone_authorisation"
    assert record.act_date == dt.date(2025, 3, 12)
    assert record.beneficiary == "le groupement de gendarmerie départementale de la Manche"
    assert record.cameras == 1  # "est fixé à UN"
    assert record.commune == "Avranches"
    assert record.period_start == record.period_end == dt.date(2025, 3, 15)  # "de 16h00 à 21h00"
    assert "CSI L.242-5" in record.legal_basis and "CSI L.242-4" in record.legal_basis
    assert text[slice(*record.evidence["cameras"])] == "UN"
    _evidence_is_the_text(record, text)


def test_a_drone_arrete_without_its_year_takes_the_bulletins() -> None:
    bulletin = realdocs.RAA_MANCHE_DRONES.read_text(encoding="utf-8")
    text = _arrete(bulletin, "Arrêté du 12 mars portant", "DIRECTION DES COLLECTIVITES")
    record = read_record(text, ["drone"], document_date=2025)
    assert record.kind == "drone_authorisation" and record.act_date == dt.date(2025, 3, 12)
    assert record.beneficiary.startswith("Le colonel, commandant le groupement de gendarmerie")
    assert record.period_start == dt.date(2025, 3, 17) and record.cameras == 1


def test_a_new_video_protection_system_of_a_commune() -> None:
    bulletin = realdocs.RAA_MANCHE_VIDEOPROTECTION.read_text(encoding="utf-8")
    text = _arrete(
        bulletin,
        "Arrêté n° 2024-61 du 21 mai 2024 portant autorisation d’un système de vidéoprotection\n",
        "Arrêté n° 2024-65",
    )
    record = read_record(text, ["videoprotection"], document_date=2024)
    assert (record.kind, record.scope) == ("prefectoral_authorisation", "new")
    assert (record.act_number, record.act_date) == ("2024-61", dt.date(2024, 5, 21))
    assert record.beneficiary == "Monsieur Jacques BONO, maire du Mont-Saint-Michel"
    assert record.cameras == 50 and record.cameras_public_road == 50  # "50 caméras voie publique"
    assert record.period_years == 5 and record.retention_days is not None
    assert "CSI L.251-2" in record.legal_basis
    assert text[slice(*record.evidence["act_number"])] == "2024-61"
    _evidence_is_the_text(record, text)


def test_a_renewal_counts_the_cameras_it_lists_and_names_the_function_authorised() -> None:
    bulletin = realdocs.RAA_MANCHE_VIDEOPROTECTION.read_text(encoding="utf-8")
    text = _arrete(
        bulletin,
        "Arrêté n° 2024-102 du 4 juin 2024 portant renouvellement d’un système de vidéoprotection\n",
        "Arrêté n° 2024-104",
    )
    record = read_record(text, ["videoprotection"], document_date=2024)
    assert (record.kind, record.scope) == ("prefectoral_authorisation", "renewal")
    assert record.cameras == 5  # "4 caméras intérieures et 1 caméra extérieure"
    assert record.retention_days == 30  # "conservation des images à 30 jours"
    assert record.beneficiary == "chargé de sécurité personnes et biens"


def test_a_perimeter_without_a_count_gives_no_count() -> None:
    bulletin = realdocs.RAA_MANCHE_VIDEOPROTECTION.read_text(encoding="utf-8")
    text = _arrete(
        bulletin,
        "Arrêté n° 2024-56 du 21 mai 2024 portant autorisation d’un système de vidéoprotection\n",
        "Arrêté n° 2024-61",
    )
    record = read_record(text, ["videoprotection"], document_date=2024)
    assert record.cameras is None  # "installer des caméras extérieures en périmètre vidéoprotégé"
    assert record.beneficiary == "Monsieur THOMAS VELTER"


def test_a_renewal_names_the_person_it_is_renewed_to() -> None:
    bulletin = realdocs.RAA_MANCHE_VIDEOPROTECTION.read_text(encoding="utf-8")
    text = _arrete(bulletin, "Arrêté n° 2024-103 du", "Arrêté n° 2024-104 du")
    record = read_record(text, ["videoprotection"], document_date=2025)
    # "…, par arrêté préfectoral du 20 octobre 2011, à Madame Catherine Vincent, est reconduite"
    assert record.beneficiary == "Madame Catherine Vincent"
    assert text[slice(*record.evidence["beneficiary"])] == "Madame Catherine Vincent"
    assert record.commune == "Cherbourg-en-Cotentin"  # not "à Madame": a town needs its postcode


# Amounts as real acts and reports of them write them (tests/quality/records.toml has their sources).
def test_an_amount_restated_with_its_tax_counts_once() -> None:
    text = (
        "Le coût prévisionnel de ces deux opérations est établi à 1 600 700,00 € HT, soit "
        "1 920 840,00 € TTC (valeur\nJanvier 2014), dont 1 254 000,00 € HT pour PEGASE."
    )
    record = read_record(text, ["videoprotection"])
    assert (record.amount_eur, record.amount_tax) == (1_600_700.0, "HT")
    assert text[slice(*record.evidence["amount_eur"])] == "1 600 700,00 € HT"


def test_millions_in_digits_or_words_and_euros_spelt_with_the_sign() -> None:
    assert read_record("pour un montant total de 8 millions d'euros.", ["vsa"]).amount_eur == 8_000_000
    words = "une enveloppe de quinze millions d’euros pour le déploiement de 500 nouvelles caméras"
    assert read_record(words, ["videoprotection"]).amount_eur == 15_000_000
    euros = read_record(
        "le coût prévisionnel des installations est de 105.000 €uros HT.", ["videoprotection"]
    )
    assert (euros.amount_eur, euros.amount_tax) == (105_000, "HT")


def test_a_range_is_no_amount_decided() -> None:
    text = "elle a voté un marché estimé entre 12 et 44 millions d’euros assurant la maintenance des caméras"
    assert read_record(text, ["videoprotection"]).amount_eur is None


def test_a_deliberation_without_a_dated_heading_takes_its_sittings_date_only() -> None:
    """Oullins' deliberation (tests/quality/records.toml): "N° 20160526_7 du 26 mai 2016" is no
    heading the act reader knows, but the opening's sitting cues date the document."""
    labelled = {item["id"]: item for item in tomllib.loads(QUALITY.read_text(encoding="utf-8"))["record"]}
    text = labelled["web-oullins-delib-20160526-7-extension-videoprotection"]["text"]
    date, source = find_date(None, "", text)
    assert (date, source) == (dt.date(2016, 5, 26), SITTING_SOURCE)
    mentions = list(get_tagger().tag(text, paged=False))
    [record] = records_for(text, [], mentions, date=date, date_source=source)
    assert record.act_date == date and "act_date" not in record.evidence
    # A first date met in a page (an article's, a listing's) dates no decision.
    [undated] = records_for(text, [], mentions, date=date, date_source="text_first_date")
    assert undated.act_date is None


def test_a_bound_on_a_grant_is_no_funding_rate() -> None:
    # Le Journal de Mayotte (tests/quality/records.toml): the rate granted is not stated.
    bound = read_record(
        "une subvention du FIPD de plus de 45 % du coût de la vidéo-protection", ["videoprotection"]
    )
    assert bound.funding_rate is None
    assert read_record("une subvention FIPD au taux de 40 %", ["videoprotection"]).funding_rate == 40.0


def _labelled(record_id: str) -> str:
    """A real act's text from the labelled set (its source is in tests/quality/records.toml)."""
    return labelled_texts()[record_id]


def test_a_voeu_for_plate_readers_is_a_debate_and_one_against_facial_recognition_a_motion() -> None:
    favour = _labelled("web-paris-cm-2016-09-voeu-57-lapi")  # "lutter contre le terrorisme" opposes no device
    assert read_record(favour, ["lapi"]).kind == "debate_only"
    against = _labelled("web-paris-voeu-reconnaissance-faciale-gep-2019")  # "atteinte aux libertés"
    assert read_record(against, ["reconnaissance_faciale"]).kind == "motion_against"


def test_a_numbered_heading_without_n_and_with_its_weekday() -> None:
    text = _labelled(
        "web-rouen-delib-2008-10-24-2-2-fipd-raccordement"
    )  # "Délibération 2-2 du Vendredi 24 octobre 2008"
    record = read_record(text, ["videoprotection"])
    assert (record.act_number, record.act_date) == ("2-2", dt.date(2008, 10, 24))
    # The report cites the prefecture further down; the city's council, named first, decided.
    assert records_for(text, [], list(get_tagger().tag(text, paged=False)))[0].authority == (
        "Conseil municipal de Rouen"
    )


def test_the_date_a_report_gives_its_decision_but_not_a_cited_acts() -> None:
    reported = _labelled("web-unvillagepourtous-cm-2023-02-03-projet-videosurveillance")
    assert read_record(reported, ["videoprotection"]).act_date == dt.date(
        2023, 2, 3
    )  # "approuvé le 3 février 2023"
    cited = "représenté par son directeur, dûment habilité à cet effet par la délibération n°12 du Bureau du 02 avril 2020"
    assert read_record(cited, ["videoprotection"]).act_date is None


def test_a_typed_amount_with_a_space_after_its_decimal_comma() -> None:
    text = _labelled("web-saint-sauveur-le-vicomte-cm-2021-attribution-marches-19-cameras")
    record = read_record(text, ["videoprotection"])
    assert (record.amount_eur, record.amount_tax) == (59_946.5, "HT")  # "59 946, 50 € HT"


def test_a_prefectures_page_on_the_procedure_is_no_decision() -> None:
    page = _labelled("web-correze-procedure-videoprotection")  # "soumise à autorisation du préfet"
    assert records_for(page, [], list(get_tagger().tag(page, paged=False))) == []
    # A deliberation may say the same in its recitals: it is still a decision.
    deliberation = (
        "Le conseil municipal, considérant que l'installation d'un système de vidéoprotection sur la voie "
        "publique est soumise à autorisation du préfet, décide l'installation de 6 caméras."
    )
    [record] = records_for(deliberation, [], list(get_tagger().tag(deliberation, paged=False)))
    assert record.kind == "deployment" and record.cameras == 6


def test_a_press_report_of_a_drone_authorisation_and_its_drones() -> None:
    text = _labelled("web-rhone-drones-manifestation-1er-mai-lyon")  # "autorisant la police … deux drones"
    record = read_record(text, ["drone"])
    assert (record.kind, record.cameras) == ("drone_authorisation", 2)


def test_counts_of_cameras_as_acts_and_reports_write_them() -> None:
    meaulte = _labelled("web-meaulte-cm-2021-04-15-extension-7-a-16")  # "Elles passeront de 7 à 16"
    assert read_record(meaulte, ["videoprotection"]).cameras == 16
    unchanged = _labelled("manche-sp14-arrete-2024-128")  # "Le nombre de caméras reste à 27 … et 2 …"
    assert read_record(unchanged, ["videoprotection"], document_date=2025).cameras == 29
    system = "prévoit la mise en place d’un dispositif de vidéo protection pour le village"
    assert read_record(system, ["videoprotection"]).cameras is None  # a system, not one device


def test_who_a_reported_authorisation_names_and_a_town_in_capitals_cut_at_its_sitting() -> None:
    reported = _labelled("web-alpes-maritimes-drone-manifestation-cannes-21-mai")
    assert read_record(reported, ["drone"]).beneficiary == "la police nationale"
    opening = "LE CONSEIL MUNICIPAL DE LA GAUDE DUMENT CONVOQUE LE MERCREDI 24 FEVRIER 2010"
    found = authority(opening)
    assert found is not None and found.value == "Conseil municipal de La Gaude"


def test_the_conseil_de_paris_decides_and_the_police_prefecture_is_its_partner() -> None:
    debate = _labelled(
        "web-paris-cm-2009-11-dvd-215-convention-pvpp"
    )  # "… convention avec la Préfecture de police"
    [record] = records_for(debate, [], list(get_tagger().tag(debate, paged=False)))
    # The title joins the deliberation and the vœux tabled with it: the deliberation decides.
    assert record.kind == "convention"
    assert record.authority != "Préfecture de police de Paris"
    voeu = _labelled(
        "web-paris-cm-2009-05-v-163-voeu-dispositif-cameras"
    )  # "Le Conseil de Paris, siégeant …"
    found = authority(voeu)
    assert found is not None and found.value == "Conseil de Paris"
    arrete = "PRÉFECTURE DE POLICE\nArrêté n° 2024-00860\nLe préfet de police,\nARRÊTE :\nArticle 1er"
    found = authority(arrete)
    assert found is not None and found.value == "Préfecture de police de Paris"


def test_a_prefecture_named_with_an_elision_and_a_summary_before_its_drone_arrete() -> None:
    recueil = _labelled("web-attrap-ille-et-vilaine-35-2025-09-21-00001-drones-rennes")
    found = authority(recueil)  # "Préfecture d'Ille-et-Vilaine" before "PRÉFET DE LA RÉGION BRETAGNE"
    assert found is not None and found.value == "Préfecture d'Ille-et-Vilaine"
    # Read whole, its summary comes first: the arrêté's heading is further than an act's would be.
    assert read_record(recueil, ["drone"]).kind == "drone_authorisation"
    helicopters = _labelled("web-attrap-hauts-de-seine-2025-00010-helicopteres-gendarmerie")
    assert read_record(helicopters, ["videoprotection"]).kind == "drone_authorisation"


def test_no_amount_for_sums_spent_before_bounds_or_a_debate() -> None:
    courbevoie = _labelled("web-courbevoie-2013-subvention-troisieme-phase")  # "a dépensé 1.342.645 €"
    assert read_record(courbevoie, ["videoprotection"]).amount_eur == 800_000
    maen_roch = _labelled("web-maen-roch-cm-2023-02-09-videoprotection-batiments")  # "une somme de 50 000 €"
    assert read_record(maen_roch, ["videoprotection"]).amount_eur == 50_000  # not the option not taken
    court = _labelled("web-ta-montpellier-2024-saint-martin-de-londres-marche-videoprotection")
    assert read_record(court, ["videoprotection"]).amount_eur is None  # damages, a treasury limit
    rejected = _labelled("web-paris-conseil-2007-07-16-voeux-cameras-rejetes")  # a rejected vœu's 45 M€
    assert read_record(rejected, ["videoprotection"]).amount_eur is None


def test_what_a_report_of_an_installation_says_is_a_deployment() -> None:
    for record_id in (
        "web-saint-maur-36-videoprotection-neuf-cameras",  # "a décidé … de faire installer des caméras"
        "web-saint-genis-pouilly-police-municipale-cameras-pietons",  # "se dote de caméras piétons"
    ):
        assert read_record(_labelled(record_id), ["videoprotection"]).kind == "deployment"
    # "Cette optimisation va se déployer jusqu'en 2026": an experiment, not a deployment.
    assert read_record(_labelled("web-suresnes-experimentation-xxii"), ["vsa"]).kind == "experiment"
    more = _labelled("web-villeneuve-2017-quinze-cameras-lapi")  # "Quinze caméras … supplémentaires"
    assert read_record(more, ["videoprotection"]).kind == "extension"


def test_cameras_already_there_and_ranges_are_not_the_decisions_count() -> None:
    more = _labelled("web-louvigne-extension-quatre-cameras-plaques")  # "Depuis 2021, cinq caméras …"
    assert read_record(more, ["videoprotection"]).cameras == 4  # "prévoit d'ajouter quatre caméras"
    nomad = _labelled("web-boissy-saint-leger-camera-nomade-depots-sauvages")  # "dispose déjà de 43 caméras"
    assert read_record(nomad, ["videoprotection"]).cameras == 1  # "une caméra nomade"
    assert read_record("Six à huit caméras au total seront installées", ["videoprotection"]).cameras is None


def test_the_day_a_report_says_the_council_sat() -> None:
    def day(text: str, year: int | None = None) -> dt.date | None:
        found = heading.act_date(text, year)
        return found.value if found else None

    assert day("Le 6 juillet 2011, le conseil municipal était appelé") == dt.date(2011, 7, 6)
    assert day("Le 8 octobre, le conseil municipal validait le projet", 2020) == dt.date(2020, 10, 8)
    assert day("Vendredi 21 février dernier, les élus municipaux ont voté", 2020) == dt.date(2020, 2, 21)
    assert day("Le 8 octobre, le conseil municipal validait le projet") is None  # no year known
    assert day("Convoqué le mardi 29 janvier 2013, le Conseil Municipal de la Ville") is None
    assert day("Ouest France du 16 décembre 2021\nLe conseil municipal se réunissait") is None


def test_a_law_cited_in_a_recital_and_a_prefecture_after_a_recueils_code() -> None:
    agde = _labelled("web-attrap-herault-2024-05-ds-0337-agde-provisoire")  # "VU la loi n° 2023-380 …"
    assert read_record(agde, ["videoprotection"]).kind == "prefectoral_authorisation"
    drome = _labelled("web-attrap-drome-26-2024-06-12-00014-aeronefs")  # "26_Préf_Préfecture de la Drôme"
    assert read_record(drome, ["drone"]).kind == "drone_authorisation"
    reported = _labelled("web-bfmtv-loire-atlantique-drone-anniversaire-sautron")
    assert read_record(reported, ["drone"]).kind == "drone_authorisation"  # "La préfecture … a autorisé"


def test_an_ethics_committee_a_consultation_or_an_undecided_project_is_a_debate() -> None:
    for record_id in (
        "web-hendaye-comite-ethique-video-protection",  # "la composition … du comité d'éthique"
        "web-cebazat-consultation-videoprotection-dix-cameras",  # "appelés à aller voter"
        "web-ecologieisd-ile-saint-denis-consultation-videosurveillance",  # "« consulter » les habitant.e.s"
        "web-bayeux-projet-video-protection-quarante-emplacements",  # its heading, "Si elle est actée"
    ):
        assert read_record(_labelled(record_id), ["videoprotection"]).kind == "debate_only", record_id
    # A project the council was asked about is its object; a vœu's ethics committee is not the act's.
    talked = _labelled("web-peymeinade-cm-18-juillet-projet-videoprotection")
    assert read_record(talked, ["videoprotection"]).kind == "deployment"
    paris = _labelled("web-paris-cm-2015-09-sg-61-avenant-convention-videoprotection")
    assert read_record(paris, ["videoprotection"]).kind == "convention"


def test_the_force_whose_helicopters_carry_the_cameras_is_the_beneficiary() -> None:
    # The Val-de-Marne's summary: "… au moyen de caméras installées sur des hélicoptères de la
    # gendarmerie\nnationale à l'occasion de rassemblements en Ile-de-France".
    record = read_record(
        _labelled("h19-a-attrap-val-de-marne-raa-03-2025-helicopteres-gendarmerie"), ["drone"]
    )
    assert record.beneficiary == "gendarmerie nationale"


def test_heldout21_s_prefect_of_police_without_its_degree_sign_and_a_commune_s_benefit() -> None:
    texts = labelled_texts()
    # "PREFET DE LA SEINE-SAINT-DENIS … PREFECTURE DE POLICE / Cabinet du préfet - Arrêté n 2024-01836":
    # the prefect of police's act, its "n°" printed without its degree sign.
    police = authority(
        texts["h21-a-attrap-seine-saint-denis-93-2024-12-20-pp-arrete-2024-01836-aeronefs-aulnay-sous-bois"]
    )
    assert police is not None and police.value == "Préfecture de police de Paris"
    # "… d'un système de vidéoprotection au bénéfice de la Commune d'Unieux - Périmètre 1".
    unieux = read_record(
        texts[
            "h21-a-attrap-loire-42-2025-094-ds-2025-1229-renouvellement-videoprotection-unieux-perimetre-1"
        ],
        ["videoprotection"],
    )
    assert unieux.beneficiary == "Commune d'Unieux"


def test_a_holder_named_right_after_the_system_or_services_authorised_to_proceed() -> None:
    texts = labelled_texts()
    # The Val-de-Marne's summary table: "2024/0380806/11/2024portant autorisation d'un système de
    # vidéoprotection Action France SAS à Valenton".
    valenton = "h19-a-attrap-val-de-marne-raa-205-2024-videoprotection-action-valenton"
    assert read_record(texts[valenton], ["videoprotection"]).beneficiary == "Action France SAS"
    # The Aisne's summary: "… portant modification d'un système de vidéoprotection Commune de LAON
    # (3 pages)".
    laon = "h11-a-attrap-aisne-02-2025-110-arrete-2016-0276-m-3-2025-modification-videoprotection-laon"
    assert read_record(texts[laon], ["videoprotection"]).beneficiary == "Commune de LAON"
    # The Yvelines' title: "Arrêté portant autorisation des services de la gendarmerie nationale à
    # procéder à la captation …".
    yvelines = "h25-a-attrap-yvelines-raa-392-bis-2025-gendarmerie-cameras-aeronefs"
    assert read_record(texts[yvelines], ["drone"]).beneficiary == "services de la gendarmerie nationale"
    # The Nord's capitals go on with what the system is: no holder "EXISTANT POUR LE MAGASIN …".
    nord = "h8-attrap-nord-2025-240-videoprotection-grand-frais-wasquehal-renouvellement"
    assert not (read_record(texts[nord], ["videoprotection"]).beneficiary or "").startswith("EXISTANT")
