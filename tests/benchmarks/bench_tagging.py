"""Tagging throughput: Vigie's tagger beside a naive ``re`` alternation, on the same text, in one run.

    python tests/benchmarks/bench_tagging.py [--size-mb 60] [--output results/tagging.json]

The corpus is French council-like text: sentences of the real documents in
../shared/fixtures/real mixed with generated deliberation sentences, with surveillance terms at
realistic frequencies (about one mention per 4 KB, on a fifth of the documents). It is built once
and cached in ``tests/benchmarks/.cache/``. Vigie's figure is end to end — fold, scan, identify,
check context and exclusions, build context snippets and stance — over documents of about 100 KB;
the anchor folds the same text with ``unicodedata`` and runs one Python ``re`` alternation of the
same patterns. Absolute numbers vary between machines; the ratio is what to compare.
"""

from __future__ import annotations

import random
import re
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from pipelines.tagging import get_tagger  # noqa: E402
from tests import realdocs  # noqa: E402
from tests.benchmarks.common import Row, bench_arguments, machine, rows_dicts, write_result  # noqa: E402

CACHE = HERE / ".cache"
DOCUMENT_CHARS = 100_000
TARGET_MB_PER_S = 50.0

GENERATED = [
    "Le conseil municipal, après en avoir délibéré, approuve la convention de partenariat avec l’association {x}.",
    "Vu le code général des collectivités territoriales, et notamment son article L.{n} ;",
    "Monsieur le Maire rappelle que la commission des finances s’est réunie le {n} {mois} {annee}.",
    "Il est proposé d’attribuer une subvention de {n} € à l’association sportive du quartier {x}.",
    "La délibération n° {annee}/{n} est adoptée à l’unanimité des membres présents et représentés.",
    "Le conseil approuve le tableau des effectifs et la création d’un poste d’adjoint technique.",
]
MENTIONS = [
    "Le conseil approuve l’extension du réseau de vidéoprotection urbaine, soit {n} caméras supplémentaires.",
    "Une demande de subvention au titre du FIPD est sollicitée pour l’installation de caméras de vidéosurveillance.",
    "L’expérimentation de caméras augmentées par la société BriefCam est présentée en commission.",
    "Le conseil adopte un vœu contre la reconnaissance faciale dans l’espace public.",
    "Un drone sera utilisé par la police municipale lors des manifestations estivales.",
    "Le véhicule équipé d’un système LAPI contrôlera le stationnement payant.",
    "Des capteurs sonores seront installés dans le quartier de la gare.",
]
WORDS = ["Montpellier", "Bellevue", "des Arceaux", "Saint-Martin", "la Paillade", "Figuerolles"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "octobre", "décembre"]


def real_sentences() -> list[str]:
    from pipelines.pdf_text import extract_pdf

    sentences: list[str] = []
    for path in (
        realdocs.PV_255_PAGES,
        realdocs.DELIB_VIDEOPROTECTION,
        realdocs.DELIB_CLSPD,
        realdocs.COUTHENANS_CR,
    ):
        text = "\n".join(extract_pdf(path.read_bytes()).pages)
        sentences += [s.strip() for s in re.split(r"(?<=[.;:])\s+", text) if len(s.strip()) > 30]
    return sentences


def fill(template: str, rng: random.Random) -> str:
    """A sentence template with its number, place, month and year drawn at random."""
    sentence = template.replace("{n}", str(rng.randint(2, 450))).replace("{x}", rng.choice(WORDS))
    return sentence.replace("{mois}", rng.choice(MOIS)).replace("{annee}", str(rng.randint(2012, 2026)))


def build_corpus(size_mb: float, seed: int = 7) -> list[str]:
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"tagging-{size_mb:g}mb-{seed}.txt"
    if cached.exists():
        return cached.read_text(encoding="utf-8").split("\x1e")
    rng = random.Random(seed)
    real = real_sentences()
    documents, target = [], int(size_mb * 1_000_000)
    total = 0
    while total < target:
        with_mentions = rng.random() < 0.2
        parts, length = [], 0
        while length < DOCUMENT_CHARS:
            if with_mentions and rng.random() < 0.03:
                template = rng.choice(MENTIONS)
            elif rng.random() < 0.7:
                template = rng.choice(real)
            else:
                template = rng.choice(GENERATED)
            sentence = fill(template, rng)
            parts.append(sentence)
            length += len(sentence) + 1
        document = "\n".join(parts)
        documents.append(document)
        total += len(document.encode("utf-8"))
    cached.write_text("\x1e".join(documents), encoding="utf-8")
    return documents


def naive_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def run(size_mb: float) -> dict[str, object]:
    documents = build_corpus(size_mb)
    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1_000_000
    tagger = get_tagger()
    tagger.tag(documents[0])  # warm up: compile, page in

    start = time.perf_counter()
    vigie_mentions = sum(len(tagger.tag(document)) for document in documents)
    vigie_seconds = time.perf_counter() - start

    naive = re.compile(r"\b(?:" + "|".join(term.regex for term in tagger.lexicon.terms) + r")\b")
    start = time.perf_counter()
    naive_hits = sum(sum(1 for _ in naive.finditer(naive_fold(document))) for document in documents)
    naive_seconds = time.perf_counter() - start

    vigie_rate, naive_rate = megabytes / vigie_seconds, megabytes / naive_seconds
    return {
        "benchmark": "tagging",
        "machine": machine(),
        "corpus_mb": round(megabytes, 2),
        "documents": len(documents),
        "vigie_mb_per_s": round(vigie_rate, 1),
        "vigie_mentions": vigie_mentions,
        "naive_re_mb_per_s": round(naive_rate, 1),
        "naive_re_hits": naive_hits,
        "ratio": round(vigie_rate / naive_rate, 2),
        "target_mb_per_s": TARGET_MB_PER_S,
        "meets_target": vigie_rate >= TARGET_MB_PER_S,
        "rows": rows_dicts(
            [
                Row(
                    "tagging",
                    f"{vigie_rate:.1f} MB/s",
                    f"naive re {naive_rate:.1f} MB/s",
                    round(vigie_rate / naive_rate, 2),
                    f"≥ {TARGET_MB_PER_S:g} MB/s",
                    vigie_rate >= TARGET_MB_PER_S,
                )
            ]
        ),
    }


def table(result: dict[str, object]) -> str:
    return "\n".join(
        [
            f"Tagging on {result['corpus_mb']} MB ({result['documents']} documents), {result['machine']}",
            "| tagger | MB/s | mentions or hits |",
            "|---|---|---|",
            f"| Vigie (fold + RE2 + guards + context) | {result['vigie_mb_per_s']} | {result['vigie_mentions']} |",
            f"| naive `re` alternation over normalised text | {result['naive_re_mb_per_s']} | {result['naive_re_hits']} |",
            f"ratio {result['ratio']}×; target ≥ {TARGET_MB_PER_S:g} MB/s: {'met' if result['meets_target'] else 'NOT met'}",
        ]
    )


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = bench_arguments(__doc__, "tagging")
    parser.add_argument("--size-mb", type=float, default=60.0, help="corpus size (default 60 MB)")
    args = parser.parse_args(argv)
    result = run(args.size_mb)
    write_result(result, args.output)
    print(table(result))
    return result


if __name__ == "__main__":
    main()
