"""The title a page shows (``archive.display_title``): the document's own, else its single act's
object, else its type and date, else its file name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from archive.display_title import display_title, looks_like_file_name


@dataclass
class FakeAct:
    kind: str
    number: str | None
    title: str | None
    page_start: int | None = None
    page_end: int | None = None
    vote_for: int | None = None
    vote_against: int | None = None
    vote_abstentions: int | None = None
    unanimous: bool | None = None
    decision: str | None = None


VIDEO = FakeAct("deliberation", "2013/14", "Extension du système de vidéoprotection")


def test_a_real_title_is_kept() -> None:
    title = "Conseil municipal du 17 février 2014"
    assert display_title(title, "PV_CM_17_02_2014.pdf", None, [VIDEO], 1) == title


def test_a_file_name_gives_way_to_the_single_act() -> None:
    name = "deliberation-2013-14-videoprotection"
    expected = "Délibération 2013/14 – Extension du système de vidéoprotection"
    assert display_title(name, f"{name}.pdf", None, [VIDEO], 1) == expected
    assert display_title("PV CM 17 02 2014", "PV_CM_17_02_2014.pdf", None, [VIDEO], 1) == expected
    assert display_title(None, None, None, [VIDEO], 1) == expected


def test_minutes_of_many_acts_keep_their_file_name() -> None:
    other = FakeAct("deliberation", "2014/02", "Budget primitif")
    assert (
        display_title("PV CM 17 02 2014", "PV_CM_17_02_2014.pdf", None, [VIDEO, other], 1)
        == "PV CM 17 02 2014"
    )
    agenda_item = FakeAct("item", None, "Vidéoprotection")
    assert (
        display_title("PV CM 17 02 2014", "PV_CM_17_02_2014.pdf", None, [agenda_item], 1)
        == "PV CM 17 02 2014"
    )


def test_minutes_of_many_acts_are_named_by_their_type_and_date_when_known() -> None:
    other = FakeAct("deliberation", "2014/02", "Budget primitif")
    minutes = ("PV CM 17 02 2014", "PV_CM_17_02_2014.pdf", None, [VIDEO, other], 1)
    assert (
        display_title(*minutes, "proces_verbal", dt.date(2014, 2, 17)) == "Procès-verbal du 17 février 2014"
    )
    scan = ("CR CM 20 06 2011", "CR_CM_20_06_2011.pdf", None, [], 2)
    assert display_title(*scan, "compte_rendu", dt.date(2011, 6, 1)) == "Compte rendu du 1er juin 2011"
    # A type without a name of its own ("other"), or no date: the file's name stays.
    assert display_title(*scan, "other", dt.date(2011, 6, 1)) == "CR CM 20 06 2011"
    assert display_title(*scan, "compte_rendu", None) == "CR CM 20 06 2011"
    # A title of its own, or a single act's object, comes first.
    assert display_title("Séance du 20 juin", None, None, [], 2, "compte_rendu", dt.date(2011, 6, 20)) == (
        "Séance du 20 juin"
    )
    assert display_title(None, "d.pdf", None, [VIDEO], 1, "deliberation", dt.date(2013, 2, 4)).startswith(
        "Délibération 2013/14"
    )


def test_last_resorts_file_url_and_number() -> None:
    assert display_title(None, "cr.pdf", None, [], 3) == "cr.pdf"
    assert (
        display_title(None, None, "https://ville.fr/docs/cr%20du%20conseil.pdf", [], 3) == "cr du conseil.pdf"
    )
    assert display_title("  ", None, None, [], 3) == "Document 3"


def test_what_reads_like_a_file_name() -> None:
    assert looks_like_file_name("PV CM 17 02 2014", "PV_CM_17_02_2014.pdf")
    assert looks_like_file_name("deliberation-2013-14-videoprotection", None)
    assert not looks_like_file_name("Vidéoprotection : extension", "deliberation.pdf")
    assert not looks_like_file_name("Plan Local d'Urbanisme", None)
