"""``vigie sources new PLATFORM``: a new platform's spider, test and fixture folder, registered.

Run in this process (no reactor) on a throw-away checkout made of copies of the files the
command reads and edits; the scaffolded spider is imported and run on a page, and the
scaffolded test is run by pytest (a subprocess, as a developer would) to see it fail as meant.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.linkrules import LinkKind
from tests.conftest import REPO, invoke_vigie
from tests.spider_pages import followed, registered, saved_response, spider_for_test, urls

INIT = Path("crawler/spiders/__init__.py")
REGISTRY = Path("crawler/sources/registry.py")
MADE = (
    Path("crawler/spiders/mairie_x.py"),
    Path("tests/crawler/test_spider_mairie_x.py"),
    Path("tests/fixtures/pages/mairie_x/README.md"),
)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The files ``new`` reads, edits or must not overwrite, as in the repository."""
    root = tmp_path / "vigie"
    (root / "crawler/spiders").mkdir(parents=True)
    (root / "crawler/sources").mkdir()
    (root / "tests/crawler").mkdir(parents=True)
    for spider in (REPO / "crawler/spiders").glob("*.py"):
        shutil.copy(spider, root / "crawler/spiders" / spider.name)
    shutil.copy(REPO / REGISTRY, root / REGISTRY)
    shutil.copy(REPO / "tests/crawler/test_spider_pages.py", root / "tests/crawler")
    return root


def files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    return error


def assignment(path: Path, name: str) -> object:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"no {name} in {path}")


def new(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return invoke_vigie("sources", "new", *args, "--root", str(root), cwd=cwd or root)


def test_new_writes_the_spider_its_test_and_its_fixture_folder(checkout: Path) -> None:
    result = new(checkout, "mairie_x")
    assert result.returncode == 0, result.stderr
    assert all((checkout / path).is_file() for path in MADE)
    assert "class MairieXSpider(VigieSpider):" in (checkout / MADE[0]).read_text(encoding="utf-8")


def test_new_prints_what_to_do_next(checkout: Path) -> None:
    out = new(checkout, "mairie_x").stdout
    assert "created tests/crawler/test_spider_mairie_x.py" in out
    assert "remove its xfail mark" in out and "vigie sources add --platform mairie_x" in out


def test_new_registers_the_platform(checkout: Path) -> None:
    new(checkout, "mairie_x")
    spiders = assignment(checkout / INIT, "PLATFORM_SPIDERS")
    assert spiders["mairie_x"] == "crawler.spiders.mairie_x:MairieXSpider"  # type: ignore[index]
    assert assignment(checkout / REGISTRY, "PLATFORMS") == (
        *assignment(REPO / REGISTRY, "PLATFORMS"),  # type: ignore[misc]
        "mairie_x",
    )


def test_the_registration_changes_one_line_of_each_file(checkout: Path) -> None:
    new(checkout, "mairie_x")
    for path in (INIT, REGISTRY):
        before = (REPO / path).read_text(encoding="utf-8").splitlines()
        after = (checkout / path).read_text(encoding="utf-8").splitlines()
        assert len(set(after) - set(before)) == 1 and len(after) - len(before) in (0, 1), path


def test_a_long_platforms_tuple_is_laid_out_one_name_a_line(checkout: Path) -> None:
    new(checkout, "mairie_with_a_rather_long_platform_name")
    text = (checkout / REGISTRY).read_text(encoding="utf-8")
    assert '    "mairie_with_a_rather_long_platform_name",\n)' in text
    assert assignment(checkout / REGISTRY, "PLATFORMS")[-1] == "mairie_with_a_rather_long_platform_name"  # type: ignore[index]


def test_the_default_root_is_the_current_folder(checkout: Path) -> None:
    result = invoke_vigie("sources", "new", "mairie_x", cwd=checkout)
    assert result.returncode == 0, result.stderr
    assert (checkout / MADE[0]).is_file()


@pytest.mark.parametrize("name", ["mairie_x", "m" * 40])
def test_the_scaffolded_files_are_lint_clean(checkout: Path, name: str) -> None:
    new(checkout, name)
    ruff = shutil.which("ruff")
    assert ruff, "ruff is a test dependency"
    made = [Path(f"crawler/spiders/{name}.py"), Path(f"tests/crawler/test_spider_{name}.py")]
    paths = [str(checkout / path) for path in (*made, INIT, REGISTRY)]
    config = ["--config", str(REPO / "pyproject.toml")]
    check = subprocess.run([ruff, "check", *config, *paths], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run([ruff, "format", "--check", *config, *paths], capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout


def test_the_scaffolded_spider_follows_pdf_links_on_its_site(checkout: Path) -> None:
    new(checkout, "mairie_x")
    spec = importlib.util.spec_from_file_location("scaffolded_mairie_x", checkout / MADE[0])
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    source = registered("mairie-x", "mairie_x", "https://www.mairie-x.fr/deliberations", kind="commune")
    page = b'<a href="/files/cm-2026-01.pdf">CM</a> <a href="https://ailleurs.fr/x.pdf">elsewhere</a>'
    response = saved_response(None, source.start_urls[0], source.slug, body=page)
    requests = followed(spider_for_test(module.MairieXSpider, [source]), response)
    assert urls(requests, LinkKind.DOCUMENT) == ["https://www.mairie-x.fr/files/cm-2026-01.pdf"]


def test_the_scaffolded_test_is_collected_and_fails_until_filled_in(checkout: Path) -> None:
    new(checkout, "mairie_x")
    test = checkout / MADE[1]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", str(test)],
        cwd=REPO,  # where ``tests.spider_pages`` and ``crawler`` are imported from
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "5 xfailed" in result.stdout, result.stdout[-2000:]


@pytest.mark.parametrize("name", ["Mairie", "mairie-x", "1mairie", "m", "class", "mairie_", "x" * 41, "é_t"])
def test_a_bad_name_is_refused_and_nothing_is_written(checkout: Path, name: str) -> None:
    before = files(checkout)
    result = new(checkout, name)
    assert result.returncode == 2
    assert "must be a lower-case Python identifier" in one_line_error(result)
    assert files(checkout) == before


@pytest.mark.parametrize("name", ["generic", "prefecture_raa", "montpellier_list"])
def test_an_existing_platform_is_refused(checkout: Path, name: str) -> None:
    before = files(checkout)
    result = new(checkout, name)
    assert result.returncode == 2 and "exists already" in one_line_error(result)
    assert files(checkout) == before


@pytest.mark.parametrize("name", ["base", "pages"])  # crawler/spiders/base.py, test_spider_pages.py
def test_existing_files_are_never_overwritten(checkout: Path, name: str) -> None:
    before = files(checkout)
    result = new(checkout, name)
    assert result.returncode == 2 and "nothing was written" in one_line_error(result)
    assert files(checkout) == before


def test_a_second_run_is_refused_and_keeps_the_first(checkout: Path) -> None:
    new(checkout, "mairie_x")
    (checkout / MADE[0]).write_text("# my work\n", encoding="utf-8")
    before = files(checkout)
    result = new(checkout, "mairie_x")
    assert result.returncode == 2 and "exists already" in one_line_error(result)
    assert files(checkout) == before


def test_a_folder_that_is_no_checkout_is_refused(tmp_path: Path) -> None:
    result = new(tmp_path, "mairie_x", cwd=tmp_path)
    assert result.returncode == 2 and "is not a Vigie checkout" in one_line_error(result)
    assert list(tmp_path.iterdir()) == []


def test_a_registry_laid_out_otherwise_stops_everything(checkout: Path) -> None:
    registry = checkout / REGISTRY
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("\nPLATFORMS = (", "\nPLATFORMS = () + ("), encoding="utf-8")
    before = files(checkout)
    result = new(checkout, "mairie_x")
    assert result.returncode == 2 and "--no-register" in one_line_error(result)
    assert files(checkout) == before


def test_no_register_writes_the_files_and_says_how_to_register(checkout: Path) -> None:
    registry = (checkout / REGISTRY).read_bytes()
    result = new(checkout, "mairie_x", "--no-register")
    assert result.returncode == 0, result.stderr
    assert all((checkout / path).is_file() for path in MADE)
    assert (checkout / REGISTRY).read_bytes() == registry
    assert "to register it: add 'mairie_x' to PLATFORMS" in result.stdout
