"""``vigie sources check``: which start URLs answer, seen from this machine.

One polite request per start URL (HEAD, then GET when HEAD is refused), with Vigie's
User-Agent, following redirects, a few at a time. Meant for a machine with internet; the
registry's ``verified`` flags are then updated by hand (or with ``--write`` into a user
registry), with the date of the check in the provenance.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from crawler.sources.registry import RegisteredSource


@dataclass(frozen=True, slots=True)
class UrlCheck:
    slug: str
    url: str
    status: int | None  # HTTP status of the final answer, None when there was none
    final_url: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400

    def to_dict(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "url": self.url,
            "ok": self.ok,
            "status": self.status,
            "final_url": self.final_url,
            "error": self.error,
        }


def check_sources(
    sources: list[RegisteredSource], user_agent: str, timeout: float = 20.0, workers: int = 8
) -> list[UrlCheck]:
    jobs = [(source.slug, url) for source in sources for url in source.start_urls]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: check_url(job[0], job[1], user_agent, timeout), jobs))


def check_url(slug: str, url: str, user_agent: str, timeout: float) -> UrlCheck:
    last_error = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return UrlCheck(slug, url, response.status, response.url, None)
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD only
            return UrlCheck(slug, url, exc.code, exc.url, f"HTTP {exc.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            last_error = str(getattr(exc, "reason", exc))
            break
    return UrlCheck(slug, url, None, None, last_error or "no answer")
