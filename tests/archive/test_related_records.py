"""A prefect's authorisation and the commune's own acts are linked whatever the spelling.

The Manche's recueil writes "SAINT-LO" where the town hall writes "Saint-Lô": case, accents,
hyphens and apostrophes aside, they are one commune.
"""

from __future__ import annotations

import datetime as dt

from archive import ArchiveStore, FetchRecord
from archive.decisions import save_records
from archive.models import DecisionRow, DocumentUrl
from archive.record_queries import record_by_id
from archive.records import Analysis, DecisionRecord, Fetch


def _document(store: ArchiveStore, url: str, text: str) -> int:
    analysis = Analysis(sha256=url[-1] * 64, kind="html", pages=[text], title=url, doc_type="deliberation")
    store.record(
        FetchRecord(Fetch(url=url, body=text.encode(), fetched_at=dt.datetime(2026, 1, 1)), analysis)
    )
    with store.session() as session:
        return session.query(DocumentUrl).filter_by(url=url).one().document_id


def test_an_authorisation_and_the_towns_act_link_across_accents_and_case(store: ArchiveStore) -> None:
    prefect = _document(store, "http://manche.gouv.fr/raa-1", "Arrêté portant autorisation")
    town = _document(store, "http://saint-lo.fr/delib-2", "Délibération vidéoprotection")
    other = _document(store, "http://saint-lo.fr/delib-3", "Délibération vidéoprotection")
    authorisation = DecisionRecord(
        kind="prefectoral_authorisation", technologies=["videoprotection"], commune="SAINT-LO"
    )
    save_records(store, prefect, [authorisation], "test")
    save_records(
        store,
        town,
        [DecisionRecord(kind="extension", technologies=["videoprotection"], commune="Saint-Lô")],
        "test",
    )
    save_records(  # another technology: no link
        store,
        other,
        [DecisionRecord(kind="deployment", technologies=["drone"], commune="Saint Lô")],
        "test",
    )
    with store.session() as session:
        ids = {row.document_id: row.id for row in session.query(DecisionRow)}
    shown = record_by_id(store, ids[prefect])
    assert shown is not None
    assert [related["id"] for related in shown.related] == [ids[town]]
    back = record_by_id(store, ids[town])
    assert back is not None and [related["id"] for related in back.related] == [ids[prefect]]
