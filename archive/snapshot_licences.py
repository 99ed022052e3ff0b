"""The licences of ``vigie snapshot``'s package: its own (chosen with ``--licence``), and what
the archive's contents are under. Imports nothing, so the CLI lists the choices cheaply."""

from __future__ import annotations

# The package's own licence. Licence Ouverte 2.0 by default: the licence French administrations
# publish their data under, attribution only like the CRPA's reuse of the documents themselves,
# and compatible with CC-BY, ODC-BY and so ODbL databases (an OpenStreetMap-based map may take
# it in); ODbL's share-alike would bind every newsroom's derived database. ``--licence`` overrides.
LICENCES: dict[str, dict[str, str]] = {
    "etalab-2.0": {
        "title": "Licence Ouverte / Open Licence 2.0",
        "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    },
    "ODbL-1.0": {
        "title": "Open Data Commons Open Database License 1.0",
        "path": "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    "ODC-By-1.0": {
        "title": "Open Data Commons Attribution License 1.0",
        "path": "https://opendatacommons.org/licenses/by/1-0/",
    },
    "CC-BY-4.0": {
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
    "CC0-1.0": {
        "title": "Creative Commons Zero 1.0",
        "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    },
}
DEFAULT_LICENCE = "etalab-2.0"
# What the archive's contents are: public information of administrative documents, free to
# reuse for any purpose provided it is not altered and its source and date are cited.
CRPA = {
    "title": "Informations publiques : réutilisation libre, source et date citées "
    "(CRPA, art. L321-1 et suivants) / Public sector information, free reuse citing the source",
    "path": "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000031366350/LEGISCTA000031367685/",
}
