"""
The tests' own layout: shared helpers live in tests/support/ (browser ones in
tests/browser/support.py) and fixtures in the conftest files, so no test module imports
another, and no fixture hides one of pytest-django's under the same name.
"""

import ast
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent
# pytest-django's fixtures whose names a local fixture must not take for something else.
PYTEST_DJANGO_FIXTURES = {"admin_client", "admin_user", "client", "rf", "django_user_model", "settings", "db"}


def python_files(root, pattern="*.py"):
    return sorted(path for path in root.rglob(pattern) if "vendor" not in path.parts)


def imported_modules(path):
    """Every module name an import in `path` names, the last part of each dotted name included."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.module:
                yield node.module
            # `from tests import test_workflow` names the module in the imported names.
            yield from (f"{node.module or ''}.{alias.name}" for alias in node.names)


def cross_test_imports(root):
    return [
        f"{path.relative_to(root)} imports {name}"
        for path in python_files(root)
        for name in imported_modules(path)
        if name.rsplit(".", 1)[-1].startswith("test_")
    ]


def is_fixture(decorator):
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr == "fixture"


def shadowed_fixtures(root):
    return [
        f"{path.relative_to(root)} defines {node.name}"
        for path in python_files(root)
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef)
        and node.name in PYTEST_DJANGO_FIXTURES
        and any(is_fixture(decorator) for decorator in node.decorator_list)
    ]


def test_no_test_module_imports_another():
    assert cross_test_imports(TESTS_DIR) == []


def test_no_fixture_shadows_one_of_pytest_djangos():
    assert shadowed_fixtures(TESTS_DIR) == []


def test_the_checks_find_what_they_look_for(tmp_path):
    (tmp_path / "test_a.py").write_text(
        "import pytest\nfrom tests.test_b import helper\nfrom . import test_c\n\n"
        "@pytest.fixture\ndef admin_client(client):\n    return client\n"
    )
    assert cross_test_imports(tmp_path) == ["test_a.py imports tests.test_b", "test_a.py imports .test_c"]
    assert shadowed_fixtures(tmp_path) == ["test_a.py defines admin_client"]
