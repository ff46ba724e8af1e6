"""Imports follow the floors of docs/ARCHITECTURE.md: the scoring rules read only the article, the key
and the word lists; saved answers need no widget; nothing below the widgets imports them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "medialit"

# what each low floor may import from the kit (besides itself)
ALLOWED = {
    "scoring": {"errors", "_paths", "_schema", "_sentences", "_style", "article", "lexicons", "key"},
    "answers": {"errors", "_atomic"},
    "_style": set(),
    "_atomic": set(),
    "exercises": {
        "errors",
        "_paths",
        "_schema",
        "_style",
        "article",
        "lexicons",
        "key",
        "scoring",
        "answers",
    },
}


def _kit_imports(path: Path, package: Path = PACKAGE) -> set[str]:
    """The kit's top-level modules a file imports (``from ..key import x`` -> ``key``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(package).parts
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: climb from the file's package
                base = list(here[:-1])[: len(here) - node.level]
                parts = base + (node.module.split(".") if node.module else [])
                if not parts:  # "from .. import x": x are modules
                    parts = [node.names[0].name]
            elif node.module and node.module.startswith("medialit."):
                parts = node.module.split(".")[1:]
            else:
                continue
            found.add(parts[0])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("medialit.")}
    return found


@pytest.mark.parametrize("layer", ALLOWED)
def test_a_low_floor_imports_nothing_above_it(layer):
    files = (
        sorted((PACKAGE / layer).rglob("*.py")) if (PACKAGE / layer).is_dir() else [PACKAGE / f"{layer}.py"]
    )
    assert files
    for path in files:
        above = _kit_imports(path) - ALLOWED[layer] - {layer}
        assert not above, f"{path.relative_to(PACKAGE)} imports {sorted(above)}"


def test_the_layer_check_sees_an_upward_import(tmp_path):
    probe = tmp_path / "medialit" / "scoring" / "x.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "from ..widgets import highlighter\nfrom medialit.grading import report\n", encoding="utf-8"
    )
    assert _kit_imports(probe, tmp_path / "medialit") == {"widgets", "grading"}
