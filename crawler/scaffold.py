"""``vigie sources new PLATFORM``: the files of a new platform, and its registration.

Writes, in a Vigie checkout, the spider (``crawler/spiders/NAME.py``), its saved-page test
(``tests/crawler/test_spider_NAME.py``, expected to fail until filled in) and the folder of its
saved pages with a README (``tests/fixtures/pages/NAME/``), then adds the platform to
``PLATFORM_SPIDERS`` (``crawler/spiders/__init__.py``) and ``PLATFORMS``
(``crawler/sources/registry.py``). Those two edits are made on the syntax tree's line numbers
and checked by parsing the result; a file laid out otherwise is left alone, with an error,
before anything is written. Nothing is ever overwritten.
"""

from __future__ import annotations

import ast
import json
import keyword
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from crawler.scaffold_templates import FIXTURE_README, SPIDER, TEST

SPIDERS_INIT = Path("crawler/spiders/__init__.py")
REGISTRY = Path("crawler/sources/registry.py")
_NAME = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
_LINE_LENGTH = 110  # pyproject.toml's, for the PLATFORMS line


class ScaffoldError(ValueError):
    """A name, a root or a file that the scaffold refuses: one line, said to the user."""


@dataclass(frozen=True, slots=True)
class Scaffold:
    """What ``new_platform`` did, relative to ``root``."""

    root: Path
    created: list[Path]
    registered: bool


def is_checkout(path: Path) -> bool:
    return (path / SPIDERS_INIT).is_file() and (path / REGISTRY).is_file() and (path / "tests").is_dir()


def find_root(explicit: Path | None = None) -> Path:
    """``--root``, else the current folder; either must be a Vigie checkout.

    Never the checkout the running Vigie was installed from unasked: a command run from an
    unrelated folder must not edit a repository elsewhere. It is named in the error instead.
    """
    root = explicit if explicit is not None else Path.cwd()
    if is_checkout(root):
        return root
    import crawler

    installed = Path(crawler.__file__).resolve().parents[1]
    hint = f" (Vigie runs from the checkout {installed})" if is_checkout(installed) else ""
    where = repr(str(explicit)) if explicit is not None else "the current folder"
    raise ScaffoldError(f"{where} is not a Vigie checkout: give --root DIR{hint}")


def check_name(name: str) -> None:
    if not _NAME.match(name) or keyword.iskeyword(name) or name.endswith("_"):
        raise ScaffoldError(
            f"platform name {name!r} must be a lower-case Python identifier of 2 to 40 "
            "characters (letters, digits, underscores; example: mairie_eservices)"
        )


def class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_")) + "Spider"


def new_platform(name: str, root: Path, register: bool = True) -> Scaffold:
    """Write the platform's files and register it; refuse before writing anything."""
    check_name(name)
    spiders_init = (root / SPIDERS_INIT).read_text(encoding="utf-8")
    registry = (root / REGISTRY).read_text(encoding="utf-8")
    if name in platform_names(registry) or name in spider_names(spiders_init):
        raise ScaffoldError(f"platform {name!r} exists already (see PLATFORMS in {REGISTRY})")
    values = {"name": name, "cls": class_name(name), "slug": name.replace("_", "-") + "-test"}
    files = {
        root / "crawler" / "spiders" / f"{name}.py": SPIDER,
        root / "tests" / "crawler" / f"test_spider_{name}.py": TEST,
        root / "tests" / "fixtures" / "pages" / name / "README.md": FIXTURE_README,
    }
    existing = [str(path.relative_to(root)) for path in files if path.exists()]
    if existing:
        raise ScaffoldError(f"{', '.join(existing)} exist(s) already: nothing was written")
    if register:  # computed first, so that a file we cannot edit stops everything
        target = f"crawler.spiders.{name}:{values['cls']}"
        edits = {
            root / SPIDERS_INIT: add_spider(spiders_init, name, target),
            root / REGISTRY: add_platform(registry, name),
        }
    contents = {path: Template(template).substitute(values) for path, template in files.items()}
    for path, text in contents.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
            out.write(text)
    if register:
        for path, text in edits.items():
            path.write_text(text, encoding="utf-8")
    return Scaffold(root, [path.relative_to(root) for path in files], register)


def _assignment(tree: ast.Module, target: str) -> ast.Assign | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [target]:
            return node
    return None


def spider_names(text: str) -> list[str]:
    node = _assignment(ast.parse(text), "PLATFORM_SPIDERS")
    if node is None or not isinstance(node.value, ast.Dict):
        return []
    return [key.value for key in node.value.keys if isinstance(key, ast.Constant)]


def platform_names(text: str) -> list[str]:
    node = _assignment(ast.parse(text), "PLATFORMS")
    if node is None or not isinstance(node.value, ast.Tuple):
        return []
    return [item.value for item in node.value.elts if isinstance(item, ast.Constant)]


def add_spider(text: str, name: str, target: str) -> str:
    """``PLATFORM_SPIDERS`` with one more entry, before its closing brace."""
    node = _assignment(ast.parse(text), "PLATFORM_SPIDERS")
    lines = text.splitlines(keepends=True)
    if node is None or not isinstance(node.value, ast.Dict) or lines[node.end_lineno - 1].strip() != "}":
        raise ScaffoldError(
            f"{SPIDERS_INIT}: no PLATFORM_SPIDERS = {{…}} ending on its own line; use --no-register"
        )
    lines.insert(node.end_lineno - 1, f"    {json.dumps(name)}: {json.dumps(target)},\n")
    edited = "".join(lines)
    if name not in spider_names(edited):  # the edit parses and says what we meant
        raise ScaffoldError(f"{SPIDERS_INIT}: could not add {name!r} safely; use --no-register")
    return edited


def add_platform(text: str, name: str) -> str:
    """``PLATFORMS`` with one more name, laid out as ruff would."""
    node = _assignment(ast.parse(text), "PLATFORMS")
    if node is None or not isinstance(node.value, ast.Tuple) or node.col_offset != 0:
        raise ScaffoldError(f"{REGISTRY}: no PLATFORMS = (…) tuple; use --no-register")
    lines = text.splitlines(keepends=True)
    after = lines[node.end_lineno - 1][node.end_col_offset :].strip()
    if after and not after.startswith("#"):
        raise ScaffoldError(f"{REGISTRY}: PLATFORMS shares its line; use --no-register")
    names = [json.dumps(value) for value in [*platform_names(text), name]]
    comment = f"  {after}" if after else ""
    one_line = f"PLATFORMS = ({', '.join(names)}){comment}\n"
    if len(one_line) - 1 <= _LINE_LENGTH:
        statement = one_line
    else:
        statement = "PLATFORMS = (\n" + "".join(f"    {value},\n" for value in names) + f"){comment}\n"
    edited = "".join([*lines[: node.lineno - 1], statement, *lines[node.end_lineno :]])
    if platform_names(edited) != [*platform_names(text), name]:
        raise ScaffoldError(f"{REGISTRY}: could not add {name!r} safely; use --no-register")
    return edited
