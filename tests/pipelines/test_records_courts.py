"""A court that stops a device (``pipelines/records/courts.py``): a ban, and the court its
authority. Real labelled texts (tests/quality/records.toml), read by the rules alone."""

from __future__ import annotations

import pytest

from pipelines.records.courts import court_that_stops
from tests.quality.records_scoring import labelled_texts

TEXTS = labelled_texts()


# The rules alone: the learnt model, which learnt these very texts, stays out.
pytestmark = pytest.mark.usefixtures("rules_only")


def test_a_court_that_stops_a_device_is_a_ban_and_its_author() -> None:
    for record_id, court in (
        # "le tribunal administratif de Marseille a annulé la délibération du conseil régional".
        (
            "web-gazette-ta-marseille-annule-reconnaissance-faciale-lycees",
            "Tribunal administratif de Marseille",
        ),
        # "Le Conseil d’Etat suspend l’usage des drones en manifestation" (as written).
        ("h11-c-mediapart-conseil-etat-suspend-drones-manifestations-paris", "Conseil d’Etat"),
        # "L'arrêté a été retoqué par le tribunal administratif".
        ("h18-c-hauts-de-france-top-nantes-drone-14-juillet-arrete-retoque", "Tribunal administratif"),
        # "Le tribunal de Pau (Pyrénées-Atlantiques) a retoqué … l'utilisation des drones …, autorisée
        # dans un premier temps par le préfet": the court banned, though the page names a prefect.
        ("h20-c-cnews-pau-tribunal-suspend-drones-frontiere-hendaye", "Tribunal de Pau"),
        # A title's "le tribunal administratif fait suspendre", named in full by its lead: "suspendu
        # par le tribunal administratif de Nantes".
        (
            "h13-c-inf-info-reze-tribunal-administratif-suspend-arrete-drones-rodeos",
            "Tribunal administratif de Nantes",
        ),
    ):
        from pipelines.records.build import records_for
        from pipelines.tagging import get_tagger

        found = records_for(TEXTS[record_id], [], list(get_tagger().tag(TEXTS[record_id])))
        assert found and (found[0].kind, found[0].authority) == ("moratorium_ban", court), record_id
    # A court asked to stop it, or one that declines, stops nothing.
    asked = "L'association demande au tribunal administratif de Nice de suspendre l'arrêté sur les caméras."
    assert court_that_stops(asked) is None


def test_the_cnil_that_orders_a_town_to_put_right_its_devices() -> None:
    # "La Commission nationale de l'informatique et des libertés (Cnil) a sommé une commune
    # française de mettre en règle les caméras piéton de sa police municipale".
    text = TEXTS["h25-c-francetvinfo-cnil-met-en-demeure-commune-cameras-pieton-videoprotection-2021"]
    found = court_that_stops(text)
    assert found is not None and found.value.startswith("CNIL")
    assert court_that_stops("La commune a demandé conseil à la Cnil avant d'installer ses caméras.") is None


def test_a_sum_a_verb_of_being_and_a_body_only_asked_stop_nothing() -> None:
    assert court_that_stops("Le tribunal administratif de Nice a fixé la somme de 1 500 euros.") is None
    assert court_that_stops("Selon la CNIL nous sommes en conformité.") is None
    asked = "Le collectif demande à la Commission nationale de l'informatique et des libertés de suspendre le dispositif."
    assert court_that_stops(asked) is None
