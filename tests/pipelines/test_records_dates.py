"""The date of a decision: an arrêté's heading in its many spellings, its place and date, its
recueil's summary; the day a page gives the decision it reports. Real labelled texts
(tests/quality/records.toml), each with the date its annotator read."""

from __future__ import annotations

import datetime as dt

from pipelines.records import heading
from pipelines.records.spans import read_day
from tests.quality.records_scoring import labelled_texts

TEXTS = labelled_texts()


def _date(
    record_id: str, document_date: dt.date | int | None = None, kind: str | None = None
) -> dt.date | None:
    found = heading.act_date(TEXTS[record_id], document_date, kind)
    return found.value if found else None


def _number(record_id: str) -> str | None:
    found = heading.act_number(TEXTS[record_id])
    return found.value if found else None


def test_an_arrete_s_heading_in_the_spellings_of_recueils() -> None:
    for record_id, day in (
        # "ARRÊTÉ PRÉFECTORAL Nº PREF-CAB-BS-2026-005-998 EN DATE DU 05 JANVIER\n2026" ("º", not "°").
        ("h11-a-attrap-lozere-raa-special-005-2026-pref-cab-bs-2026-005-998-drone", dt.date(2026, 1, 5)),
        # "Arrété 25/CAB/DS/PPA-VIDEO n° 136 du 19 mai 2025" (the OCR's "Arrété").
        ("h9-A-attrap-moselle-111-2025-videoprotection-136-fonctionnement", dt.date(2025, 5, 19)),
        # "Arrêté préfectoral du 5 mars 2025", the act's heading after its recueil's summary.
        ("web-attrap-loiret-45-2025-03-05-00001-drone", dt.date(2025, 3, 5)),
        # "Arrêté n 2011/067/BA du 23 février 2011 autorisant un système de vidéoprotection à Percy".
        ("h9-A-docplayer-manche-raa-avril-2011-videoprotection-percy", dt.date(2011, 2, 23)),
    ):
        assert _date(record_id) == day, record_id
    number = heading.act_number(TEXTS["h9-A-attrap-moselle-111-2025-videoprotection-136-fonctionnement"])
    assert number is not None and number.value == "25/CAB/DS/PPA-VIDEO n° 136"


def test_an_arrete_s_place_and_date_and_its_line_in_a_summary() -> None:
    for record_id, day in (
        # "Saint-Denis, le 30 décembre 2024\nArrêté n° 2024 - 2802 /CAB/BPA".
        ("h9-A-attrap-reunion-2024-2802-videoprotection-provisoire-le-port", dt.date(2024, 12, 30)),
        # "Le préfet de la Haute-Savoie Le lundi 13 janvier 2025Chevalier de la légion d'honneur".
        ("h9-A-attrap-haute-savoie-74-2025-018-drone-paf74", dt.date(2025, 1, 13)),
        # "Montpellier, le 21 mai 2024\nMél : …\nARRÊTÉ PREFECTORAL".
        ("web-attrap-herault-2024-05-ds-0337-agde-provisoire", dt.date(2024, 5, 21)),
        # The Hauts-de-Seine's summary: "N°2025-00010 03.01.2025 Arrêté autorisant la captation".
        ("web-attrap-hauts-de-seine-2025-00010-helicopteres-gendarmerie", dt.date(2025, 1, 3)),
        # The Dordogne's file name: "VIDEOPROTECTION-Commune de\nCAMPSEGRET-arrêté-2018-14082025".
        ("h11-a-attrap-dordogne-24-2025-074-videoprotection-commune-campsegret", dt.date(2025, 8, 14)),
        # "Arrêtés préfectoraux portant renouvellement d'un système de vidéoprotéction\nSignature au 11 juillet 2025".
        (
            "h10-a-attrap-bas-rhin-raa-31-2025-arrete-20240645-renouvellement-videoprotection",
            dt.date(2025, 7, 11),
        ),
    ):
        assert _date(record_id) == day, record_id
    # A summary line about water use is not the video-protection act's, though the next line is.
    assert _date("h11-a-attrap-dordogne-24-2024-074-videoprotection-camping-la-linotte-le-bugue") == dt.date(
        2024, 5, 30
    )
    # Not the recueil's "PUBLIÉ LE 16 DÉCEMBRE 2025", nor a recital whose "Vu" the OCR read "'u".
    assert _date("web-attrap-vienne-2025-cab-756-aeronefs") is None
    assert _date("web-attrap-ppparis-2024-01488-drones-manifestations-6-octobre") is None


def test_the_prefect_s_arrete_a_page_reports() -> None:
    drones, cameras = "drone_authorisation", "prefectoral_authorisation"
    for record_id, kind, day in (
        # "Par arrêté préfectoral numéro 2021 CAB BCS CIPM 643 du 1er Juillet 2021".
        ("web-grisy-suisnes-arrete-2021-cab-bcs-cipm-643-camera-pieton", cameras, dt.date(2021, 7, 1)),
        # "un arrêté préfectoral en date du 18 octobre 2021 autorise l'enregistrement audiovisuel".
        ("web-arnouville-arrete-18-octobre-2021-enregistrement-audiovisuel", cameras, dt.date(2021, 10, 18)),
        # "que le préfet a autorisé dans sa commune par un arrêté du 14/06/2021".
        ("web-lettre-du-maire-cameras-pietons-arrete-prefet-2021-06-14", cameras, dt.date(2021, 6, 14)),
        # "l'exécution de l'arrêté du 16 mai 2023 du préfet de la Haute-Garonne".
        ("h10-c-20minutes-haute-garonne-drones-rodeos-refere-rejete", drones, dt.date(2023, 5, 16)),
    ):
        assert _date(record_id, None, kind) == day, record_id
    # A recueil's summary lists other acts: "84-2021-05-28-00005 - arrêté du 28 mai 2021 portant habilitation".
    assert _date("h8-123dok-vaucluse-84-2021-056-videoprotection-tabac-bedarrides", None, cameras) != dt.date(
        2021, 5, 28
    )


def test_the_sitting_or_the_vote_a_page_reports_and_its_year() -> None:
    for record_id, written, kind, day in (
        # "Le conseil municipal du lundi 26 avril a essentiellement concerné la mise en place …".
        ("web-leprogres-limas-conseil-2021-04-26-videoprotection", 2021, "deployment", dt.date(2021, 4, 26)),
        # "à l'ouverture du conseil municipal, mardi 17 décembre. 2024".
        (
            "h8-dayfr-quimperle-question-ecrite-videosurveillance-2024-12-17",
            2024,
            "debate_only",
            dt.date(2024, 12, 17),
        ),
        # "Point 7 du CM du 15 décembre 2021 – Subvention Bouclier Sécurité Caméras".
        (
            "web-saint-maur-cm-2021-12-15-point-7-bouclier-securite-cameras",
            None,
            "grant_request",
            dt.date(2021, 12, 15),
        ),
        # "La commission permanente du Conseil régional des Pays de la Loire, réunie le 30 septembre 2016".
        (
            "h11-b-lesrepublicains44-region-pays-de-la-loire-cp-2016-09-30-surete-lycees",
            None,
            "deployment",
            dt.date(2016, 9, 30),
        ),
        # "Le 28 février 2022, la Ville a alors attribué un contrat pour la mission …".
        (
            "h10-c-dayfr-breteuil-amo-videoprotection-28-fevrier-2022",
            None,
            "procurement_award",
            dt.date(2022, 2, 28),
        ),
        # "Le centre de supervision urbain\n\nInauguré le 22 mars 2018": what a deployment set up.
        (
            "h11-c-eragny-centre-supervision-urbain-inaugure-22-mars-2018",
            None,
            "deployment",
            dt.date(2018, 3, 22),
        ),
    ):
        assert _date(record_id, written, kind) == day, record_id
    # "Le cahier des charges ainsi validé, l'appel d'offres a été lancé le 5 juin 2018": a tender,
    # not the council's vote ("entérinée le 19 juillet par le conseil municipal", with no year).
    assert _date("web-st-jean-les-deux-jumeaux-attribution-siris", None, "procurement_award") is None
    # "par délibération en date du 26 mars 2012": an earlier act the item relies on.
    assert _date("montpellier-pv-2014-02-17-item23-convention-tram-cameras") != dt.date(2012, 3, 26)


def test_a_day_without_its_year_takes_the_document_s() -> None:
    assert read_day("15 décembre", dt.date(2023, 1, 10)) == dt.date(2022, 12, 15)  # an article of January
    assert read_day("8 octobre", dt.date(2020, 6, 11)) == dt.date(2020, 10, 8)  # a sitting announced
    assert read_day("8 octobre", 2020) == dt.date(2020, 10, 8)
    assert read_day("8 octobre") is None
    assert read_day("30/09/25") == dt.date(2025, 9, 30)
    assert read_day("31/02/2025") is None


def test_a_heading_spaced_out_gives_its_number_and_date() -> None:
    text = TEXTS["h12-a-docslib-cantal-raa-mai-2013-arrete-2013-429-videoprotection"]
    number = heading.act_number(text)
    assert number is not None and number.value == "2013 – 429"
    assert _date("h12-a-docslib-cantal-raa-mai-2013-arrete-2013-429-videoprotection") == dt.date(2013, 4, 5)


def test_no_act_number_from_another_act_a_recueil_lists() -> None:
    # "décision du directeur n°42-2025 portant délégation de signature", "Arrêté n°2025-624
    # portant dérogation au repos dominical": other acts in the summary, not about surveillance;
    # the act's own number is read further on.
    assert (
        _number("h14-a-attrap-vienne-86-2025-173-arrete-2025-cab-465-captation-transmission-aeronefs")
        == "2025/CAB/465"
    )
    assert _number("h14-a-attrap-ardennes-8-2025-118-ap-2025-618-camera-sur-aeronef") == "2025-618"
    # "Arrêté CAB-BOPSI n°2025-617 … interdisant tout rassemblement" is passed over for the
    # video-protection arrêté listed after it.
    assert (
        _number("h14-a-attrap-maine-et-loire-2025-144-arrete-cab-bopsi-2025-619-videoprotection-provisoire")
        == "2025-619"
    )
    # A heading alone on its line, its title on the next ("Arrêté CAB/BSI/PA n° 25/563 / Arrêté
    # autorisant la captation …").
    assert _number("h10-a-attrap-somme-raa-2025-153-arrete-cab-bsi-pa-25-563-drone-police") == "25/563"


def test_an_arrete_s_number_after_its_recueil_s_cover_and_summary() -> None:
    # "ARRETE N°CAB-BRS-2024-361 autorisant la captation": a service's letters before the digits.
    assert _number("web-attrap-calvados-cab-brs-2024-361-cinq-cameras-aeronefs") == "CAB-BRS-2024-361"
    # "80-2024-11-04-00001 - AP 24/785 portant autorisation provisoire": an "AP" in the summary.
    assert (
        _number("h10-a-attrap-somme-raa-212-2024-ap-24-785-autorisation-provisoire-videoprotection-amiens")
        == "24/785"
    )
    # "Arrêté n°64-2025-10-autorisant": a template's blank is no number; nor is "ARRÊTÉ
    # N°30-2025-12-22-00006", the State's identifier.
    assert _number("h10-a-attrap-pyrenees-atlantiques-64-2025-312-drones-dipn-manifestation") is None
    assert (
        _number("h11-a-attrap-gard-30-2025-227-videoprotection-mairie-caissargues-cameras-interieures")
        is None
    )


def test_a_number_run_into_its_letters_or_its_words() -> None:
    # "Arrêté n°BSIPA2024289-0001": a service's letters run into the digits.
    assert _number("web-attrap-aube-bsipa2024289-0001-drone") == "BSIPA2024289-0001"
    # "mériteArrêté n°PREF-CAB-BPA-2025-012Autorisant" (spaces lost on both sides), not the
    # summary's file name "AP PAF74 DRONE janv-fev-mars2025".
    assert _number("h9-A-attrap-haute-savoie-74-2025-018-drone-paf74") == "PREF-CAB-BPA-2025-012"
    # "Arrêté n° CAB-BRS-2024-997\n| Arrêté autorisant la captation": its title after a table's rule.
    assert _number("h9-A-attrap-pas-de-calais-62-2024-153-drone-cab-brs-2024-997") == "CAB-BRS-2024-997"
    # "n° 2024- 0109" in a summary, spaced out: no "2024" cut from it; the heading's number instead.
    text = TEXTS[
        "h13-a-attrap-val-d-oise-raae-15-2024-arrete-interprefectoral-2024-00109-helicoptere-gendarmerie-ile-de-france"
    ]
    found = heading.act_number(text)
    assert found is not None and found.value == "2024-00109"


def test_a_number_spaced_out_or_dotted() -> None:
    # "Arrêté n° 2025 - 1772 /CAB/BPAautorisant la captation" (a space lost before the title).
    assert _number("h15-a-attrap-la-reunion-arrete-2025-1772-cab-bpa-une-camera-aeronef-saint-denis") == (
        "2025 - 1772 /CAB/BPA"
    )
    # "AP n° 2026.103 autorisant captation".
    assert (
        _number("h15-a-attrap-alpes-maritimes-025-2026-06-ap-2026-103-cameras-aeronefs-grasse-24-25-janvier")
        == "2026.103"
    )


def test_the_number_of_an_act_that_repeals_another() -> None:
    # "ARRETE N° DSC-BSIPA-20250328-002 portant abrogation de l'arrêté n° DSC-BSIPA-20230327-008
    # du 27 mars 2023": the act's own number, and not the repealed act's date.
    text = TEXTS[
        "h16-a-attrap-jura-39-2025-04-001-abrogation-autorisation-videoprotection-mondial-relay-messia-sur-sorne"
    ]
    found = heading.act_number(text)
    assert found is not None and found.value == "DSC-BSIPA-20250328-002"
    assert heading.act_date(text, 2025, "prefectoral_authorisation") is None


def test_a_flight_s_period_only_from_an_entry_about_devices() -> None:
    from pipelines.records.periods import authorised_period

    # "S O M M A I R E … - Arrêté préfectoral autorisant la surveillance sur la voie publique à une
    # entreprise privée de sécurité … du 28 novembre 2024 au 6 janvier 2025": private guards' days,
    # in a summary listed line by line whose heading is spaced out.
    guards = TEXTS[
        "h15-a-attrap-bas-rhin-raa-special-26-novembre-2024-cameras-aeronefs-marche-de-noel-strasbourg-dipn"
    ]
    assert authorised_period(guards) == (None, None)
    # The Côtes-d'Armor's flight over a demonstration at Guingamp, on 2 October 2025.
    start, end = authorised_period(
        TEXTS[
            "h13-a-attrap-cotes-d-armor-22-2025-231-drone-manifestation-intersyndicale-guingamp-2-octobre-2025"
        ]
    )
    assert start is not None and end is not None
    assert start.value == end.value == dt.date(2025, 10, 2)


def test_a_flight_s_days_without_their_year_take_the_document_s() -> None:
    from pipelines.records.periods import authorised_period

    text = (
        "le quartier de Hauteville pourra être survolé à tout moment du dimanche 31 décembre, 16h, au "
        "lundi 1er janvier, 8h."
    )
    start, end = authorised_period(text, "drone_authorisation", 2023)
    assert start is not None and end is not None
    assert (start.value, end.value) == (dt.date(2023, 12, 31), dt.date(2024, 1, 1))
    # Without the document's year, no period: a day is never given a year at random.
    assert authorised_period(text, "drone_authorisation") == (None, None)


def test_another_act_s_day_in_a_summary_and_the_minutes_of_an_earlier_sitting_are_no_act_date() -> None:
    # The summary's third entry, "… à Poitiers, le mercredi 03 décembre 2025 de 10h00 à 22h00 (5
    # pages)", is a ban's title, not the place and date above this arrêté's heading.
    assert _date("h20-a-attrap-vienne-86-2025-280-arrete-2025-cab-734-aeronefs") is None
    # "le compte rendu de la séance du 8 décembre 2021 est approuvé": an earlier sitting's minutes.
    assert _date("h20-b-cm-9-fevrier-2022-installation-videoprotection-demandes-subventions") is None
    # A place and date above an arrêté's heading is still read, when its title is about surveillance.
    heading_and_title = (
        "Poitiers, le 26 novembre 2025\nARRÊTÉ n° 2025/CAB/734 autorisant la captation, "
        "l'enregistrement et la transmission d'images au moyen de caméras installées sur des aéronefs"
    )
    assert heading.act_date(heading_and_title).value == dt.date(2025, 11, 26)


def test_the_national_order_on_technical_standards_is_no_act() -> None:
    # "… l'arrêté n° IOCD0762353A du 3 août 2007 qui prescrit les exigences techniques …" (a
    # senator's question), "L'arrêté du 3 août 2007 portant définition des normes techniques" (a
    # prefecture's page on the procedure, read as a prefect's authorisation).
    senate = TEXTS["h8-neg-senat-question-masson-cameras-chasseurs-vandalisme"]
    assert heading.act_date(senate) is None and heading.act_number(senate) is None
    assert _date("web-aude-procedure-autorisation-videoprotection", 2020, "prefectoral_authorisation") is None


def test_a_summary_table_s_row_gives_the_number_and_date_of_its_surveillance_act() -> None:
    # The Val-de-Marne's table, its cells run together: "2025/04467 17/11/2025 portant attribution
    # de la médaille …" (not surveillance) before "2025/04651 19/11/2025 portant autorisation d'un
    # système de vidéoprotection Carrefour – à Arcueil"; "2024/0380806/11/2024portant …".
    for record_id, number, day in (
        (
            "h22-a-attrap-val-de-marne-raa-181-2025-04651-videoprotection-carrefour-arcueil",
            "2025/04651",
            dt.date(2025, 11, 19),
        ),
        (
            "h19-a-attrap-val-de-marne-raa-205-2024-videoprotection-action-valenton",
            "2024/03808",
            dt.date(2024, 11, 6),
        ),
    ):
        text = TEXTS[record_id]
        found = heading.act_number(text)
        assert found is not None and found.value == number, record_id
        assert _date(record_id) == day, record_id


def test_a_recueil_of_one_act_dates_it_by_its_entry() -> None:
    # "33-2026-02-19-00002 - arrêté du 19 février 2026 (1) (4 pages)", the only act listed; its
    # own heading garbled by the scan ("Arrêté du 1 g FEV. 2026autorisant la captation …").
    day = _date(
        "h23-a-attrap-gironde-33-2026-058-cameras-aeronefs-conditions-climatiques-19-fevrier-2026", 2026
    )
    assert day == dt.date(2026, 2, 19)


def test_an_earlier_deliberation_a_report_relies_on_is_not_its_date() -> None:
    # "Par délibération n°2015-0019 du 27 janvier 2015, le conseil municipal a adopté …" and "Par
    # la\ndélibération n°2010-0016 du 18 janvier 2010, …" (the sentence wrapped at a line's end).
    text = TEXTS["h12-b-technopolice-rennes-deliberation-2017-0402-bilan-videoprotection"]
    found = heading.act_date(text, None, "debate_only")
    assert found is None or found.value.year == 2017


def test_a_later_entry_of_the_summary_dates_another_act() -> None:
    # The Loiret's first aircraft-camera entry has no date; the next entry, "Arrêté préfectoral du
    # 28 avril 2025 autorisant … un dispositif de brouillage … (2\npages)", whose title runs past
    # 200 characters, is another act's.
    assert _date("h24-a-attrap-loiret-45-2025-096-rassemblements-festifs-cameras-aeronefs") is None
    # The helicopters of the Préfecture de police, a later entry than the Yvelines' own act.
    assert _date("h19-a-attrap-yvelines-78-2026-010-helicopteres-gendarmerie") is None


def test_a_service_s_initials_before_the_number_sign() -> None:
    # "- Arrêté CAB-BOPSI n°2025-619 du 21 octobre 2025 autorisant provisoirement un système de
    # vidéoprotection", after the entry of a ban signed "Angers, le 20 octobre 2025".
    record_id = "h14-a-attrap-maine-et-loire-2025-144-arrete-cab-bopsi-2025-619-videoprotection-provisoire"
    assert _date(record_id) == dt.date(2025, 10, 21)
    assert _number(record_id) == "2025-619"


def test_no_date_of_the_act_modified_nor_of_an_act_printed_before_this_one() -> None:
    # "- Arrêté n°2025-00790 modifiant l'arrêté n°2025-00747 du 16\njuin 2025 autorisant …": the
    # modification's own date is not written.
    assert _date("web-attrap-seine-saint-denis-2025-00790-drones-beyonce-modification") is None
    # "Grenoble, le 27 octobre 2025 Arrêté n° Portant composition du conseil communautaire …": the
    # recueil's first act, not its drone flight.
    assert (
        _date("h18-a-attrap-isere-raa-special-38-2025-293-ap-drone-halloween-apres-conseil-communautaire")
        is None
    )


def test_a_heading_run_into_the_visas_moved_before_it_and_a_listing_s_row() -> None:
    # "Vu\nVu\n…\nVuArrété n°2A-2025-01-17-00001 du 17 janvier 2025": the visas' "Vu" moved by the
    # text layer, not a recital of this arrêté.
    porto = "h12-a-attrap-corse-du-sud-2a-2025-014-modification-videoprotection-commune-porto-vecchio"
    assert _date(porto) == dt.date(2025, 1, 17)
    assert _number(porto) == "2A-2025-01-17-00001"
    # "Vu l'arrêté n° 2024-12 du 3 mai 2024 portant …" is still a recital.
    assert (
        heading.act_date("Vu l'arrêté n° 2024-12 du 3 mai 2024 portant autorisation de vidéoprotection")
        is None
    )
    # Montpellier's open-data listing: "2012-07-23;Marche de Maintenance de la Videoprotection …".
    assert _date("montpellier-delibs-listing-2012-07-23-maintenance-videoprotection-avenant") == dt.date(
        2012, 7, 23
    )


def test_a_summary_listed_line_by_line_gives_its_first_surveillance_entry_s_date_and_number() -> None:
    # "Arrêté préfectoral n°CAB/SPAS/2025-890 abrogeant l'arrêté … d'une caméra installée sur un
    # aéronef …" is listed before "Arrêté préfectoral CAB/SPAS/VIDEO-PIETONS/25-0874 du 04/09/2025
    # portant autorisation de l'enregistrement audiovisuel …", another act.
    record_id = "h25-a-attrap-loire-atlantique-raa-149-2025-abrogation-cab-spas-2025-890-camera-aeronef"
    assert _date(record_id) is None
    assert _number(record_id) == "CAB/SPAS/2025-890"
    # An act's own title printed again after the summary is the same act: its date is still read.
    marseille = "h20-a-attrap-bouches-du-rhone-13-2024-245-bis-pp-aeronefs-3-octobre-2024"
    from pipelines.records.periods import authorised_period

    start, _ = authorised_period(TEXTS[marseille], "drone_authorisation")
    assert start is not None and start.value == dt.date(2024, 10, 3)


def test_a_heading_s_first_of_the_month_with_its_er_set_apart() -> None:
    # The Meuse's summary: "Arrêté n° 2024-2213 du 1 er août 2024 portant autorisation
    # d'installation d'un système de vidéoprotection – commune de DIEUE sur MEUSE".
    assert _date(
        "h27-a-attrap-meuse-raa-85-2024-arrete-2024-2213-videoprotection-dieue-sur-meuse"
    ) == dt.date(2024, 8, 1)
