"""The figures of a decision as a page reports them: no count for a ban, a wish or a grant
scheme, nor for a park a decision takes a part of; no approximate sum. Real labelled texts
(tests/quality/records.toml)."""

from __future__ import annotations

from pipelines.records import read_record
from pipelines.records.money_law import amount
from tests.quality.records_scoring import labelled_texts, rules_alone

TEXTS = labelled_texts()


def test_a_ban_a_wish_or_a_grant_scheme_has_no_count_of_its_own() -> None:
    with rules_alone():
        for record_id in (
            "web-marseille-safe-city-suspendu",  # "l'ère Gaudin qui avait déployé 1400 caméras"
            "web-doczz-conseil-quartier-republique-saint-ambroise-voeu-1000-cameras",  # "1000 caméras pour Paris"
            "h10-b-placegrenet-region-aura-contrats-regionaux-securite-pleniere",  # "800 caméras supplémentaires"
        ):
            record = read_record(TEXTS.__getitem__(record_id), ["videoprotection"])
            assert record.kind in ("moratorium_ban", "motion_against", "grant_award"), record_id
            assert record.cameras is None, record_id
    # A part of a town's park: "intégrer des algorithmes dans dix de ses 89 caméras".
    assert (
        read_record(TEXTS.__getitem__("web-smartcitymag-suresnes-dix-cameras-ia-xxii"), ["vsa"]).cameras != 89
    )


def test_an_approximate_sum_is_not_the_decision_s() -> None:
    for record_id in (
        "web-macon-cm-2023-04-03-rapport-18-videoprotection",  # "pour un budget d'environ 425 000 €"
        "h10-c-lyoncapitale-region-aura-commission-permanente-videosurveillance",  # "près de 530 000 €"
        "h10-b-zinfos974-communes-reunionnaises-cilaos-cameras",  # "Il aura coûté quelques 412.000 euros"
        "h10-c-europe1-nice-algorithme-depots-sauvages-vingt-sites",  # "C'est 5 à 6 millions d'euros"
        # "dont l'installation s'élève à quelque 32 000 euros", a cost named beside a larger sum.
        "h16-c-france3-dijon-conseil-24-septembre-2012-cinq-cameras-fixes",
        # A yearly cost: "pour un budget de 500 000 euros par an", "40 000 € par an".
        "h14-b-gazette-ladefense-courbevoie-cm-9-decembre-extension-videoprotection",
        "h10-c-bourges-detecteurs-vizzia-depots-sauvages",
    ):
        assert amount(TEXTS[record_id]) == (None, None), record_id
    exact = amount("Le conseil approuve l'installation de 12 caméras pour un montant de 48 000 euros HT.")
    assert exact[0] is not None and exact[0].value == 48000


def test_the_company_a_page_names_for_the_work() -> None:
    from pipelines.records.beneficiaries import vendor

    for record_id, company in (
        (
            "web-snpm-maire-henri-octave-cinq-cameras-vpi-cottel",
            "Cottel",
        ),  # "La société Cottel de Metz, titulaire"
        (
            "web-weka-saint-etienne-capteurs-sons-anormaux-serenicity",
            "Serenicity",
        ),  # "à la start-up stéphanoise"
        (
            "web-videosurveillance-infos-nice-inaugure-csu-keeneo",
            "Keeneo",
        ),  # "l'entreprise de Sophia-Antipolis Keeneo"
        (
            "web-valenciennes-2017-02-09-contrat-huawei-217-cameras",
            "Huawei",
        ),  # "avec le groupe chinois Huawei. L'entreprise"
        (
            "h9-d-axione-la-tranche-sur-mer-bouygues-axione-marche",
            "Bouygues Energies & Services",
        ),  # "faire appel à"
    ):
        found = vendor(TEXTS[record_id])
        assert found is not None and found.value == company, record_id
    # A council's group is no company: "Amendement déposé par le groupe Ecologiste".
    assert vendor(TEXTS["web-paris-cm-2015-09-sg-61-avenant-convention-videoprotection"]) is None
    # Nor is a network's operator: "son délégataire la société Keolis Haut-Bugey", "dont elle confie
    # l'exploitation à la société Transports en Commun de L'Agglomération Rouennaise".
    assert vendor(TEXTS["h24-c-duobus-haut-bugey-agglomeration-videoprotection-embarquee-2015-06-11"]) is None
    assert vendor(TEXTS["h24-c-gazette-agglo-rouen-metrobus-mille-cameras-trois-jours"]) is None
    # A network's buses bought from a company name it: "pour ses bus auprès de la société Vectalis".
    bought = vendor("La ville a commandé des caméras embarquées pour ses bus auprès de la société Vectalis.")
    assert bought is not None and bought.value == "Vectalis"


def test_no_funding_rate_from_a_range_or_a_scheme_s_rate_to_come() -> None:
    from pipelines.records.money_law import funding_rate

    for record_id in (
        # "subventionnée par l'État à hauteur de 20 à 30 %": a range.
        "h15-b-linformateur-conseil-municipal-2017-03-09-videoprotection-demande-subvention-23-cameras",
        # "le taux de subvention (… FIPD) allait prochainement passer à 30%": the scheme's, to come.
        "h15-b-paulhanavenir-cm-2014-05-22-videoprotection-premiere-tranche-demande-fipd",
    ):
        assert funding_rate(TEXTS[record_id]) is None, record_id


def test_a_range_of_articles_whose_space_was_lost() -> None:
    from pipelines.records.money_law import legal_basis

    # "ses articles L. 242-1 à L. 242-8 et R. 242-8 àR. 242-14".
    found = legal_basis(TEXTS["h16-a-attrap-reunion-arrete-2025-2285-cab-bpa-cameras-aeronefs-le-port"])
    assert found is not None and "CSI R.242-8 à R.242-14" in found.value


def test_the_park_as_it_stands_is_not_the_decision_s_count() -> None:
    with rules_alone():
        for record_id, cameras in (
            # "remis en état de fonctionnement les 53 caméras existantes, 26 nouvelles caméras seront déployées".
            ("web-berrios-saint-maur-26-nouvelles-cameras-lapi-souhaite", 26),
            # "Les 28 caméras sont réparties sur l'ensemble de la commune" before the eight new ones.
            ("h8-ensemblepourplouescat-huit-nouvelles-cameras-2025", 8),
            # "… de recevoir des informations en provenance de 17 000 caméras", before the 165
            # cameras of the convention.
            ("h10-c-lyoncapitale-villeurbanne-convention-etat-165-cameras", 165),
            # "la ville de Lyon compte aujourd'hui 571 caméras", "composé pour l'heure de 22
            # caméras", "les 350 caméras de la vidéoprotection à Toulouse": the town's park.
            ("h14-b-inventer-demain-lyon-intervention-cm-video-protection-retard", None),
            ("h14-c-snpm-vitry-le-francois-projet-videoverbalisation-annonce-conseil", None),
            ("h12-c-sippro-toulouse-teste-camera-intelligente", None),
            # A new system "composé de 17 caméras" is the decision's count.
            ("h11-c-nosalpes-cannes-maintient-videosurveillance-augmentee-videtics", 17),
        ):
            assert read_record(TEXTS[record_id], ["videoprotection"]).cameras == cameras, record_id


def test_how_long_a_page_says_the_images_are_kept() -> None:
    from pipelines.records.counts import retention_days

    for record_id, days in (
        (
            "web-auray-vingt-trois-cameras-deploiement",
            15,
        ),  # "Les images enregistrées sont conservées 15 jours"
        # "… le dépôt d'une plainte). Elles seront conservées 30 jours, puis effacées": the images
        # named in the sentence before.
        ("web-la-brosse-montceaux-videoprotection-marche-attribue", 30),
        (
            "h21-c-20minutes-marcillac-vallon-cm-2020-11-19-cinq-cameras",
            30,
        ),  # "on gardera les images pendant trente jours"
        # "les enregistrements – qui ne peuvent être conservés plus d'un mois –": a month is 30 days.
        ("web-guesnainews-guesnain-28-cameras-renouvellement-2020", 30),
        (
            "h8-oise-media-villers-saint-paul-cameras-individuelles-arrete-2017",
            180,
        ),  # "conservés durant 6 mois"
    ):
        found = retention_days(TEXTS[record_id])
        assert found is not None and found.value == days, record_id
    # Days that keep nothing: "enregistrées depuis 30 jours", a delay to answer.
    assert (
        retention_days("Les caméras fonctionnent depuis 30 jours et la mairie répondra sous 15 jours.")
        is None
    )


def test_a_rate_that_may_be_or_that_no_spending_decision_states_is_no_funding_rate() -> None:
    from pipelines.records.money_law import funding_rate

    # "la commune pourrait prétendre à un taux d'intervention pouvant atteindre 40%".
    assert (
        funding_rate(TEXTS["h18-b-remiremontvallees-cornimont-cm-recours-videoprotection-detr-fipd"]) is None
    )
    # "un financement représentant environ 20 % des charges salariales".
    assert funding_rate(TEXTS["h9-B-rouen-deliberation-2009-09-25-2-2-fipd-coordonnateur-csu"]) is None
    # A consultation's "taux de participation de 23%" in a page that reports a debate.
    consultation = TEXTS["h20-c-objectifgard-aigues-vives-consultation-non-videoprotection"]
    assert funding_rate(consultation, "debate_only") is None
    with rules_alone():
        assert read_record(consultation, ["videoprotection"]).funding_rate is None
    # A grant's rate is still read.
    found = funding_rate(TEXTS["web-gardanne-49-fipd-cameras"], "grant_request")
    assert found is not None and found.value == 50


def test_a_count_per_vehicle_is_not_the_decision_s_total() -> None:
    from pipelines.records.counts import cameras

    # "Les 26 Citibus … sont désormais équipés de trois caméras chacun."
    narbonne, _ = cameras(TEXTS["h25-c-france3-grand-narbonne-citibus-cameras-26-bus"])
    assert narbonne is None
    # "… chacun de ces bus a été équipé de trois caméras placées à l'avant".
    agen, _ = cameras(TEXTS["h25-c-ladepeche-agen-cameras-bus-communaute-agglomeration-martec-2010"])
    assert agen is None
    counted, _ = cameras("La commune a installé 12 caméras de vidéoprotection.")
    assert counted is not None and counted.value == 12


def test_a_count_written_in_compound_words() -> None:
    from pipelines.records.counts import cameras
    from pipelines.records.numbers import count_value

    for written, value in (
        ("vingt-cinq", 25),
        ("trente et un", 31),
        ("soixante-dix-huit", 78),
        ("quatre-vingt-deux", 82),
        ("quatre-vingts", 80),
        ("dix-huit", 18),
    ):
        assert count_value(written) == value, written
    assert count_value("vingt-mille") is None
    # "… d'investir dans ces vingt-cinq caméras" (Châtel-Guyon).
    found, _ = cameras(TEXTS["h26-c-francebleu-chatel-guyon-vingt-cinq-cameras-police-municipale-2019"])
    assert found is not None and found.value == 25


def test_cameras_to_come_into_service_are_counted() -> None:
    from pipelines.records.counts import cameras

    # "Avant Noël, onze caméras seront en service, dont neuf en son sein et deux en périphérie."
    found, _ = cameras(TEXTS["h26-c-maxiflash-haguenau-onze-cameras-quartier-saint-joseph"])
    assert found is not None and found.value == 11
    # The park as it stands is still no count: "145 caméras opérationnelles".
    assert cameras("La ville compte désormais 145 caméras opérationnelles.")[0] is None


def test_images_recorded_over_a_period_of_thirty_days() -> None:
    # "les images issues des caméras seront enregistrées sur une période de 30 jours maximum".
    soustons = read_record(
        TEXTS["h27-c-mairie-soustons-quatorze-cameras-espace-public-trente-jours"], ["videoprotection"]
    )
    assert soustons.retention_days == 30
