"""The source registry: which authorities Vigie watches, on which platform, from which URLs.

The registry shipped with Vigie (``crawler/sources/sources.toml``) lists real sources. A
user's own registry file (``--registry``, ``VIGIE_SOURCES``, default ``vigie-sources.toml``
in the current folder when it exists) adds sources or overrides shipped ones by slug;
``vigie sources add`` writes there, never into the installed package.

Beneath both lies the generated registry (``authorities.csv``, see ``crawler.sources.authorities``):
every commune with a website in the official data. A hand-written entry (shipped or the user's)
replaces a generated one of the same slug or the same authority (INSEE code, SIREN, a
département's prefecture), and takes from the data what it does not say (population, région,
EPCI, location).

Every entry says where its URLs come from (``provenance``) and whether someone checked that
they answer (``verified``): URLs of public websites move, and nothing here was checked from
the machine that wrote it.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipelines.doctype import fold
from reference.authorities import Location

SHIPPED_REGISTRY = Path(__file__).with_name("sources.toml")
DEFAULT_USER_REGISTRY = "vigie-sources.toml"
KINDS = ("commune", "epci", "departement", "region", "prefecture")
PLATFORMS = ("generic", "prefecture_raa", "scdl_csv", "montpellier_list")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_REGION = re.compile(r"^(0[1-6]|[1-9][0-9])$")
_DEPARTEMENT = re.compile(r"^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$")  # no 20: 2A, 2B
_FIELDS = (
    "slug",
    "name",
    "kind",
    "insee",
    "siren",
    "departement",
    "platform",
    "start_urls",
    "link_rules",
    "options",
    "provenance",
    "verified",
    "population",
    "region",
    "epci",
    "location",
)


class RegistryError(ValueError):
    """A registry file that cannot be read, or an entry that breaks a rule."""


@dataclass(frozen=True, slots=True)
class RegisteredSource:
    """One watched authority (the contract of ``vigie sources list --format json``)."""

    slug: str
    name: str
    kind: str  # commune, epci, departement, region, prefecture
    platform: str  # which spider crawls it
    start_urls: list[str]
    departement: str | None = None  # "34", "2A", "974"
    insee: str | None = None  # commune code (COG)
    siren: str | None = None  # of the authority (EPCI, département, région, commune)
    # Regular expressions on URLs: ``follow`` marks council links, ``deny`` is never fetched.
    link_rules: dict[str, list[str]] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)  # platform settings (URL templates…)
    provenance: str = ""
    verified: bool = False
    registry: str = "shipped"  # the file the entry comes from ("generated": authorities.csv)
    population: int | None = None  # population municipale (of the département for a prefecture)
    region: str | None = None  # région code: "76"
    epci: str | None = None  # SIREN of the commune's EPCI
    location: Location | None = None  # the town hall's point, for a commune

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_toml_table(self) -> dict[str, Any]:
        """The entry as written in a registry file (no empty fields, no ``registry``)."""
        table = {name: getattr(self, name) for name in _FIELDS}
        if self.location is not None:
            table["location"] = asdict(self.location)
        return {name: value for name, value in table.items() if value not in (None, "", {}, [])} | {
            "verified": self.verified
        }


def normalise_kind(kind: str) -> str:
    """``préfecture``, ``Préfecture`` and ``prefecture`` are one kind; EPCI is ``epci``."""
    return fold(kind)


def user_registry_path(path: str | None = None) -> Path:
    return Path(path or os.environ.get("VIGIE_SOURCES") or DEFAULT_USER_REGISTRY)


def load_registry(
    user_path: str | Path | None = None, include_shipped: bool = True
) -> dict[str, RegisteredSource]:
    """Every source by slug: the generated and the shipped registries, then the user's file."""
    from crawler.sources.authorities import completed, generated_sources, identities, read_authorities

    written: dict[str, RegisteredSource] = {}
    if include_shipped:
        written.update(read_registry_file(SHIPPED_REGISTRY, "shipped"))
    user = Path(user_path) if user_path else user_registry_path()
    if user_path is not None and not user.exists():
        raise RegistryError(f"registry file {str(user)!r} does not exist")
    if user.exists():
        written.update(read_registry_file(user, str(user)))
    if not include_shipped:
        return written
    authorities = read_authorities()
    taken = {key for source in written.values() for key in identities(source)}
    sources = {
        slug: source
        for slug, source in generated_sources(authorities).items()
        if slug not in written and not identities(source) & taken
    }
    sources.update((slug, completed(source, authorities)) for slug, source in written.items())
    return sources


def read_registry_file(path: Path, label: str) -> dict[str, RegisteredSource]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"cannot read registry {str(path)!r}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"registry {str(path)!r} is not valid TOML: {exc}") from exc
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise RegistryError(f"registry {str(path)!r}: sources are [[source]] tables")
    sources: dict[str, RegisteredSource] = {}
    for number, entry in enumerate(entries, 1):
        source = parse_entry(entry, f"{path.name}, source #{number}", label)
        if source.slug in sources:
            raise RegistryError(f"{path.name}: duplicate slug {source.slug!r}")
        sources[source.slug] = source
    return sources


def parse_entry(entry: Any, where: str, registry: str = "shipped") -> RegisteredSource:
    """Check one entry and build it; every broken rule is a one-line RegistryError."""
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: not a table")
    unknown = set(entry) - set(_FIELDS)
    if unknown:
        raise RegistryError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for name in ("slug", "name", "kind", "platform", "start_urls"):
        if not entry.get(name):
            raise RegistryError(f"{where}: {name} is missing")
    slug = entry["slug"]
    where = f"{where} ({slug})"
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise RegistryError(f"{where}: the slug must be lower-case letters, digits and dashes")
    kind = normalise_kind(str(entry["kind"]))
    if kind not in KINDS:
        raise RegistryError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    if entry["platform"] not in PLATFORMS:
        raise RegistryError(f"{where}: platform {entry['platform']!r} is not one of {', '.join(PLATFORMS)}")
    urls = entry["start_urls"]
    if not isinstance(urls, list) or not all(isinstance(url, str) for url in urls):
        raise RegistryError(f"{where}: start_urls is a list of URLs")
    for url in urls:
        check_url(url, where)
    departement = entry.get("departement")
    if departement is not None and not _DEPARTEMENT.match(str(departement)):
        raise RegistryError(f"{where}: departement {departement!r} is not a département code (01, 2A, 974…)")
    insee, siren = entry.get("insee"), entry.get("siren")
    if insee is not None and not re.fullmatch(r"[0-9][0-9AB][0-9]{3}", str(insee)):
        raise RegistryError(f"{where}: insee {insee!r} is not a five-character commune code")
    if siren is not None and not re.fullmatch(r"[0-9]{9}", str(siren)):
        raise RegistryError(f"{where}: siren {siren!r} is not nine digits")
    region, epci, population = entry.get("region"), entry.get("epci"), entry.get("population")
    if region is not None and not _REGION.match(str(region)):
        raise RegistryError(f"{where}: region {region!r} is not a région code (11, 76, 94…)")
    if epci is not None and not re.fullmatch(r"[0-9]{9}", str(epci)):
        raise RegistryError(f"{where}: epci {epci!r} is not the nine-digit SIREN of an EPCI")
    if population is not None and (not isinstance(population, int) or population < 0):
        raise RegistryError(f"{where}: population {population!r} is not a whole number")
    location = parse_location(entry.get("location"), where)
    rules = entry.get("link_rules", {})
    for name, patterns in rules.items():
        if name not in ("follow", "deny") or not isinstance(patterns, list):
            raise RegistryError(f"{where}: link_rules holds 'follow' and 'deny' lists of patterns")
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise RegistryError(
                    f"{where}: link rule {pattern!r} is not a regular expression: {exc}"
                ) from exc
    return RegisteredSource(
        slug=slug,
        name=str(entry["name"]),
        kind=kind,
        platform=entry["platform"],
        start_urls=list(urls),
        departement=str(departement) if departement is not None else None,
        insee=str(insee) if insee is not None else None,
        siren=str(siren) if siren is not None else None,
        link_rules={name: list(patterns) for name, patterns in rules.items()},
        options=dict(entry.get("options", {})),
        provenance=str(entry.get("provenance", "")),
        verified=bool(entry.get("verified", False)),
        registry=registry,
        population=population,
        region=str(region) if region is not None else None,
        epci=str(epci) if epci is not None else None,
        location=location,
    )


def parse_location(value: Any, where: str) -> Location | None:
    if value is None:
        return None
    try:
        lat, lon = float(value["lat"]), float(value["lon"])
    except (TypeError, KeyError, ValueError):
        lat = lon = float("nan")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise RegistryError(f"{where}: location is {{lat = 43.61, lon = 3.88}} in degrees")
    return Location(lat, lon)


def check_url(url: str, where: str = "") -> None:
    """A start URL is http(s), with a host, a valid port and no raw space."""
    parts = urlsplit(url)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok or " " in url:
        prefix = f"{where}: " if where else ""
        raise RegistryError(
            f"{prefix}{url!r} is not an http(s) URL, well-formed (example: https://www.ville.fr/)"
        )


def select_sources(
    sources: dict[str, RegisteredSource],
    slugs: Iterable[str] = (),
    kind: str | None = None,
    departement: str | None = None,
) -> list[RegisteredSource]:
    """The named sources (unknown slugs are an error), or all of them, then filtered."""
    slugs = list(slugs)
    missing = [slug for slug in slugs if slug not in sources]
    if missing:
        raise RegistryError(f"unknown source(s): {', '.join(missing)} (see 'vigie sources list')")
    chosen = [sources[slug] for slug in slugs] if slugs else sorted(sources.values(), key=lambda s: s.slug)
    if kind is not None:
        wanted = normalise_kind(kind)
        if wanted not in KINDS:
            raise RegistryError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        chosen = [source for source in chosen if source.kind == wanted]
    if departement is not None:
        code = departement.upper().zfill(2)
        chosen = [source for source in chosen if source.departement == code]
    return chosen


def add_to_registry(path: Path, source: RegisteredSource) -> None:
    """Append (or replace, by slug) one entry in a user registry file."""
    import tomli_w

    entries: list[dict[str, Any]] = []
    if path.exists():
        existing = read_registry_file(path, str(path))
        entries = [entry.to_toml_table() for slug, entry in existing.items() if slug != source.slug]
    entries.append(source.to_toml_table())
    header = "# Vigie sources added with 'vigie sources add' (see the README, 'Sources').\n\n"
    path.write_text(header + tomli_w.dumps({"source": entries}), encoding="utf-8")
