"""What a report tells past its lead about the cameras it reports (``pipelines.records.report_kinds``),
read on real labelled pages (tests/quality/records.toml): the prefect's authorisation, a funder
that pays for the cameras, a system replaced; and the pages where the rules' deployment stands."""

from __future__ import annotations

import pytest

from pipelines.records import read_record
from tests.quality.records_scoring import labelled_texts

# The rules alone: the learnt model stays out.
pytestmark = pytest.mark.usefixtures("rules_only")

TEXTS = labelled_texts()


def _kind(record_id: str, technologies: list[str] | None = None) -> str:
    return read_record(TEXTS[record_id], technologies or ["videoprotection"]).kind


def test_the_prefect_s_authorisation_a_page_reports_is_the_decision() -> None:
    # "le préfet de l'Hérault qui, par onze arrêtés du 21 mars 2023, a autorisé l'implantation de
    # plusieurs centaines de caméras de vidéosurveillance"
    assert _kind("h30-c-ldh-herault-onze-arretes-prefet-21-mars-2023-recours") == "prefectoral_authorisation"
    # "Par une série d'arrêtés visant six lieux du bourg, le préfet des Pyrénées-Atlantiques, Gilbert
    # Payet, autorise, pour une durée de cinq ans renouvelable, la mise en œuvre …"
    idron = "h34-c-snpm-idron-prefet-pyrenees-atlantiques-arretes-videoprotection-six-lieux"
    assert _kind(idron) == "prefectoral_authorisation"
    # "le préfet a ainsi pris un arrêté le 16 janvier dernier « portant autorisation provisoire d'un
    # système de vidéo-protection »"
    sainte_marie = "h13-c-rci-sainte-marie-martinique-autorisation-provisoire-16-cameras-carnaval"
    assert _kind(sainte_marie) == "prefectoral_authorisation"
    # A study launched, then "le Préfet de Seine-et-Marne a autorisé la mise en place du dispositif
    # communal par arrêté du 10 février 2017".
    assert _kind("web-lizy-sur-ourcq-arrete-prefet-2017-02-10") == "prefectoral_authorisation"
    # Aircraft in its sentence: "Un arrêté préfectoral autorisera la captation et la transmission
    # d'images", the prefect said of two drones.
    drones = "h26-c-radiomdm-mont-de-marsan-madeleine-2025-deux-drones-arrete-prefectoral"
    assert _kind(drones, ["drone"]) == "drone_authorisation"


# A town's deployment, as a page's lead tells it; what follows it in each test should not change it.
LEAD = "La commune va installer douze caméras de vidéoprotection dans le centre-ville. "


@pytest.mark.parametrize(
    "told",
    [
        "Le préfet n'a pas autorisé l'enregistrement des images de la place du marché.",
        "Le préfet n'autorise toujours pas ces caméras.",
        "Le préfet pourrait autoriser le dispositif d'ici l'été.",
        "Le préfet autorisera-t-il ces caméras ?",
        "Le préfet a autorisé la manifestation de samedi.",  # not the cameras
        "Le préfet a autorisé l'installation d'un dispositif anti-drones au stade.",
        "La région ne finance pas ce dispositif de caméras.",
        "La région finance la rénovation du lycée.",
        "Les lampadaires du centre-ville seront remplacés par des LED.",
    ],
)
def test_what_is_told_undone_or_of_something_else_changes_nothing(told: str) -> None:
    assert read_record(LEAD + told, ["videoprotection"]).kind == "deployment"


def test_a_deliberation_that_names_the_prefect_is_the_council_s() -> None:
    deliberation = (
        "DÉLIBÉRATION DU CONSEIL MUNICIPAL\nObjet : Installation d'un système de vidéoprotection\n"
        "Le conseil municipal, après en avoir délibéré,\n"
        "DÉCIDE l'installation de douze caméras de vidéoprotection sur la voie publique ;\n"
        "AUTORISE Monsieur le Maire à solliciter de Monsieur le Préfet l'autorisation d'exploiter le système.\n"
    )
    assert read_record(deliberation, ["videoprotection"]).kind == "deployment"


def test_a_funder_that_pays_for_the_cameras_gives_a_grant() -> None:
    # "Un fonds britannique de lutte contre l'immigration clandestine finance l'installation de
    # quatre caméras de surveillance sur la commune."
    assert _kind("h35-c-france3-cayeux-sur-mer-fonds-britannique-quatre-cameras-55923") == "grant_award"
    # "la province Sud a attribué à la commune de Dumbéa une subvention de 48 000 000 F"
    assert _kind("h13-b-sudmag-province-sud-subvention-dumbea-32-cameras") == "grant_award"
    # "86 nouvelles communes … bénéficient de financements pour l'installation ou la modernisation
    # de caméras de surveillance"
    assert (
        _kind("h34-c-jnews-region-hauts-de-france-subventions-videosurveillance-86-communes") == "grant_award"
    )


def test_a_funder_told_in_a_past_debate_does_not_make_a_grant() -> None:
    # "lors du vote cet hiver la gauche avait argué que les crédits de l'Etat, qui finance le
    # dispositif, devaient servir à « autre chose »": the town's twelve cameras are the decision.
    assert _kind("h27-c-macommune-lons-le-saunier-douze-cameras-votees-2009") == "deployment"


def test_a_system_replaced_is_a_renewal() -> None:
    # "Ces 38 caméras, aujourd'hui analogiques, vont être remplacées par des optiques infrarouges"
    assert _kind("h32-c-france3-cabourg-38-cameras-remplacement") == "renewal"
    # "décidé par délibération du conseil municipal du 06 juillet 2015 de procéder à la refonte
    # totale de son système de videoprotection"
    assert _kind("h10-c-laroque-refonte-videoprotection-vpi-2015") == "renewal"


def test_cameras_replaced_beside_new_ones_are_still_a_deployment() -> None:
    # "Celles existantes seront remplacées par d'autres technologiquement plus avancées et de
    # nouvelles …": the council's vote for video protection stands.
    assert _kind("h37-c-lievin-conseil-vote-deploiement-videoprotection-domaine-public") == "deployment"


# A review's pages (session 26), each read right before that round's readings of fires, traffic,
# studies and no-fly bans, and to be read so still: arson, red lights and a second use are no
# other purpose; a study a vote follows is no debate; a prefect's own filming drones are no ban's.
@pytest.mark.parametrize(
    ("page", "kind"),
    [
        (
            "Face aux incendies de poubelles à répétition, la commune s'équipe de caméras\nLe conseil municipal de Saint-Martin a voté lundi soir l'installation de 6 caméras de vidéosurveillance près des conteneurs de la cité des Lilas. Le coût est de 48 000 euros.",
            "deployment",
        ),
        (
            "Des caméras pour repérer les automobilistes qui grillent les feux rouges\nLa commune de Villeneuve a décidé d'installer 4 caméras aux carrefours de l'avenue Jean-Jaurès pour détecter les véhicules qui franchissent les feux rouges. Le conseil municipal a voté la dépense mardi.",
            "deployment",
        ),
        (
            "Le centre de supervision urbain est en service\nLa ville de Montbrun a inauguré son centre de supervision urbain. Les opérateurs y visionnent les images des 24 caméras installées en ville, qui permettent aussi d'analyser le trafic aux heures de pointe. Le conseil municipal a voté en juin une enveloppe de 200 000 euros.",
            "deployment",
        ),
        (
            "Les caméras de la commune serviront aussi aux pompiers\nLe conseil municipal a voté l'installation de 10 caméras de vidéosurveillance sur les hauteurs de la commune. Elles permettront aussi de détecter les départs d'incendies dans le massif, ont expliqué les élus.",
            "deployment",
        ),
        (
            "Saint-Pierre : 12 caméras de vidéosurveillance votées\nSuite à une étude de la gendarmerie, le conseil municipal a voté lundi l'installation de 12 caméras de vidéosurveillance en centre-ville, pour un montant de 90 000 euros.",
            "deployment",
        ),
        (
            "Sur la base de l'étude réalisée par le référent sûreté de la gendarmerie, les élus ont voté l'installation de 9 caméras aux entrées du village.",
            "deployment",
        ),
        (
            "Après un an d'étude, le conseil municipal a voté l'installation de 14 caméras de vidéosurveillance.",
            "deployment",
        ),
        (
            "Manifestation du 1er mai : interdiction de survol, drones du préfet de police\nLe préfet de police interdit le survol de Paris par les drones civils samedi. Ses propres drones, équipés de caméras, surveilleront le cortège entre République et Nation.",
            "debate_only",
        ),
    ],
)
def test_what_looked_like_another_purpose_or_a_study(page: str, kind: str) -> None:
    assert read_record(page, ["videoprotection"]).kind == kind


def test_a_count_of_drones_in_a_title_in_capitals() -> None:
    # "… AU MOYEN DE 2 DRONES": two drones, though two capitals come before the count.
    page = "RECUEIL DES ACTES ADMINISTRATIFS\nARRÊTÉ PRÉFECTORAL N° 2025-0412 PORTANT AUTORISATION DE CAPTATION, D'ENREGISTREMENT ET DE TRANSMISSION D'IMAGES AU MOYEN DE 2 DRONES\nLe préfet de la Seine-Maritime,\nVu le code de la sécurité intérieure, notamment ses articles L. 242-1 et suivants ;\nARRÊTE\nArticle 1er : La direction interdépartementale de la police nationale de la Seine-Maritime est autorisée à procéder à la captation, à l'enregistrement et à la transmission d'images au moyen de caméras installées sur des aéronefs, dans le cadre de la sécurisation du festival.\nArticle 2 : La présente autorisation est valable du 12 juillet 2025 au 14 juillet 2025."
    assert read_record(page, ["drone"]).cameras == 2
