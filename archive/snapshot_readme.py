"""The README.md of a snapshot, in French and English, written from its package and schemas
(so that it never disagrees with them, and is as reproducible as they are)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from archive.snapshot_schema import Field


class TableLike(Protocol):
    name: str
    title: str
    fields: list[Field]


_INTRO = """\
## Français

Instantané daté des métadonnées des documents de collectivités archivés par Vigie, des mentions
de technologies de surveillance qu'ils contiennent et des décisions qui en sont lues
(`records.csv`), chaque champ d'une décision avec sa preuve (`evidence.csv` : le passage du texte
d'où il est lu, ses positions et sa page). Le paquet suit la norme Frictionless Data
(`datapackage.json` : schémas des tables, clés, empreintes SHA-256 et tailles des fichiers).

**Licences.** Les documents sont des documents administratifs publics ; les informations
publiques qu'ils contiennent sont librement réutilisables (CRPA, art. L321-1 et suivants), à
condition de ne pas les altérer, d'en citer la source (la collectivité, l'URL) et la date. Le
paquet lui-même est publié sous {licence}. **Citer** : « {title} », Vigie, version {version}.

**Format.** CSV UTF-8 sans BOM, RFC 4180 (virgule, guillemets doubles, fins de ligne CRLF), une
ligne d'en-tête ; cellule vide = pas de valeur ; booléens `true`/`false` ; dates AAAA-MM-JJ,
horodatages UTC `AAAA-MM-JJTHH:MM:SSZ` ; listes séparées par `;` (`urls` et `registry_sources` :
par des espaces) ; `listing` en JSON. Les valeurs sont telles qu'archivées (un tableur peut
prendre une cellule commençant par `=` pour une formule : importez-les comme texte).

## English

A dated snapshot of the metadata of the local-government documents archived by Vigie, the
mentions of surveillance technology in them and the decisions read from them (`records.csv`),
each record field with its evidence (`evidence.csv`: the span of text it was read from, its
offsets and page). The package is a Frictionless Data package (`datapackage.json`: table
schemas, keys, SHA-256 hashes and sizes of the files).

**Licences.** The documents are public administrative documents; the public information in them
may be reused freely (French CRPA, art. L321-1 and following) provided it is not altered and its
source (the authority, the URL) and date are cited. The package itself is published under
{licence}. **Cite**: "{title}", Vigie, version {version}.

**Format.** UTF-8 CSV without BOM, RFC 4180 (comma, double quotes, CRLF), one header row; an empty
cell is no value; booleans `true`/`false`; dates YYYY-MM-DD, UTC timestamps
`YYYY-MM-DDTHH:MM:SSZ`; lists separated by `;` (`urls` and `registry_sources`: by spaces);
`listing` as JSON. Values are as archived (a spreadsheet may take a cell that begins with `=` for
a formula: import them as text).

The same archive and the same date give the same files, byte for byte.
"""


def readme(package: dict[str, Any], tables: Sequence[TableLike], counts: dict[str, int]) -> str:
    licence = package["licenses"][0]
    lines = [
        f"# {package['title']}",
        "",
        package["description"],
        "",
        _INTRO.format(
            licence=f"[{licence['title']}]({licence['path']}) (`{licence['name']}`)",
            title=package["title"],
            version=package["version"],
        ),
    ]
    for table in tables:
        lines += [
            f"## `{table.name}.csv` — {table.title} ({counts[table.name]})",
            "",
            "| field / champ | type | English | Français |",
            "|---|---|---|---|",
            *(f"| `{f.name}` | {f.type} | {f.en} | {f.fr} |" for f in table.fields),
            "",
        ]
    return "\n".join(lines)
