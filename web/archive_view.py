"""What the views share: the read-only archive, its searcher, the sources' and places' names."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from archive.reader import ArchiveReader
from search import Searcher
from search.documents import DocumentDetail
from search.geography import Geography
from search.hints import CategoryHints
from search.places import Authority, SourcePlaces
from search.record_places import RecordPlaces
from web.labels import place_label


@dataclass
class WebArchive:
    reader: ArchiveReader
    searcher: Searcher
    # Registry names by host and by slug: "Nice", "Préfecture de l'Hérault".
    names: dict[str, str] = field(default_factory=dict)
    # The lexicon's terms, for "documents tagged …" beside the results (``search.hints``);
    # given by whoever starts the web app, since the web layer does not read the lexicon.
    hints: CategoryHints | None = None
    # Every registry source with its codes and location, by slug (the map, places of records).
    authorities: dict[str, Authority] = field(default_factory=dict)
    # Régions, départements, EPCIs and communes by code: their names (the place facets and
    # filters), the areas each lies in (the place pages), the communes that place records.
    geography: Geography = field(default_factory=Geography)
    # Whether the geography's communes without a source place records too (not with a registry
    # of one's own only: ``vigie serve --no-shipped``).
    every_commune: bool = True

    @classmethod
    def open(
        cls,
        reader: ArchiveReader,
        registry: dict | None = None,
        hints: CategoryHints | None = None,
        geography: Geography | None = None,
        authorities: dict[str, Authority] | None = None,
        every_commune: bool = True,
    ) -> WebArchive:
        """``registry`` is ``crawler.sources.load_registry()``'s result (slug → source);
        ``geography`` the places of the registry's reference data (``cli.geography``; else what
        its sources say of themselves), built from ``authorities``, its sources as
        ``Authority.of`` gives them (made here when not given)."""
        registry = registry or {}
        names: dict[str, str] = {}
        for slug, source in registry.items():
            names[slug] = source.name
            for url in source.start_urls:
                names.setdefault(urlsplit(url).netloc.lower(), source.name)
        if authorities is None:
            authorities = {slug: Authority.of(source) for slug, source in registry.items()}
        geography = geography or Geography.of(authorities.values())
        places = SourcePlaces.of(authorities.values(), geography)
        searcher = Searcher(reader, places)
        return cls(reader, searcher, names, hints, authorities, geography, every_commune)

    @cached_property
    def record_places(self) -> RecordPlaces:
        """The registry's communes by name, to place records (built once, on first use)."""
        return RecordPlaces(self.authorities, self.geography, self.every_commune)

    def document_source_name(self, document: DocumentDetail) -> str:
        """The registry name of the source that found the document, else of its host."""
        slug = next((url.source_slug for url in document.urls if url.source_slug), None)
        return self.source_name(slug or document.host)

    def place_label(self, facet: str, code: str) -> str:
        """ "Occitanie", "Hérault (34)": a value of a place facet (``search.geography``)."""
        return place_label(self.geography, facet, code)

    def source_name(self, host_or_slug: str | None) -> str:
        if not host_or_slug:
            return ""
        return self.names.get(host_or_slug.lower(), host_or_slug)
