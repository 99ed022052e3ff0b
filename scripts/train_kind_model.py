"""Train the model of a decision's kind (pipelines/records/learnt_kind.py) on the hand-labelled
acts (tests/quality/records.toml), every part but the blind one, and write kind_model.npz.

    python scripts/train_kind_model.py                    # writes pipelines/records/kind_model.npz
    python scripts/train_kind_model.py --check            # fails if the labels changed since
    python scripts/train_kind_model.py --check --refit    # … or if training again gives other arrays

The model keeps a fingerprint of the labelled decisions it learnt from (their ids, kinds and
openings); ``--check`` compares it with the labels' (the test suite runs it), ``--refit`` also
trains again and compares the arrays (the fit is deterministic on one machine). Run the script
after labelling a part or after a blind part's one measure (when it joins the training), and
commit the model with the labels it was trained on.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.records.learnt_kind import MODEL, OPENING_CHARS, REGRESSION, VECTORS, new_classifier, save  # noqa: E402
from tests.quality.records_scoring import BLIND, Labelled, load_records  # noqa: E402


def labelled_acts() -> list[Labelled]:
    """What the model learns from: every labelled act but the blind parts', the negatives (kind
    "none") too, so that a text that decides nothing is not pushed toward a decision."""
    return [item for item in load_records() if item.split not in BLIND]


def fingerprint(items: list[Labelled]) -> str:
    """What a model learnt from, in one hash: the labels' ids, kinds and openings, and the model's
    settings (not scikit-learn's version: a fresh install takes the latest)."""
    digest = hashlib.sha256(repr((VECTORS, REGRESSION)).encode())
    for item in items:
        for part in (item.id, item.truth["kind"], item.text[:OPENING_CHARS]):
            digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def trained_model(items: list[Labelled]) -> bytes:
    """The model's file, as bytes."""
    classifier = new_classifier()
    classifier.fit([item.text[:OPENING_CHARS] for item in items], [item.truth["kind"] for item in items])
    buffer = io.BytesIO()
    save(classifier, buffer, fingerprint(items))
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped model, write nothing")
    parser.add_argument(
        "--refit", action="store_true", help="with --check: train again and compare the arrays"
    )
    args = parser.parse_args()
    items = labelled_acts()
    name = MODEL.relative_to(ROOT)
    if args.check:
        shipped = _arrays(MODEL.read_bytes()) if MODEL.exists() else {}
        same = shipped.get("labels") == np.array(fingerprint(items)).tobytes()
        if same and args.refit:
            same = shipped == _arrays(trained_model(items))
        print(f"{name}: {'up to date' if same else 'stale: run python scripts/train_kind_model.py'}")
        return 0 if same else 1
    MODEL.write_bytes(trained_model(items))
    print(
        f"{name}: learnt from {len(items)} labelled acts (blind parts left out: {', '.join(BLIND) or 'none'})"
    )
    return 0


def _arrays(data: bytes) -> dict[str, bytes]:
    """The model's arrays, byte for byte (a zip's own timestamps aside)."""
    with np.load(io.BytesIO(data)) as arrays:
        return {name: arrays[name].tobytes() for name in arrays.files}


if __name__ == "__main__":
    raise SystemExit(main())
