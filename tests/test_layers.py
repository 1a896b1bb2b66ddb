"""The house's import rules (pyproject.toml's import-linter contracts): each app
imports only the apps below it, and no package's modules import each other in a
circle. `make test` runs lint-imports on the tree; these tests show the check
passes on it and fails on a wrong-way import."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("config", "pages", "community", "cohorts", "resources", "core")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the project's Python packages and its contracts."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_tree_keeps_every_contract(tree):
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


def test_a_lower_app_importing_a_higher_one_breaks_the_layers(tree):
    (tree / "resources" / "wrong_way.py").write_text(
        "from community.models import Post  # noqa\n"
    )
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "resources.wrong_way -> community.models" in result.stdout


def test_a_circle_inside_a_package_is_refused(tree):
    (tree / "community" / "tasks_again.py").write_text("import community.tasks\n")
    services = tree / "community" / "notifications" / "mail.py"
    services.write_text(services.read_text() + "\nimport community.tasks_again\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "No cycles are allowed in community" in result.stdout
