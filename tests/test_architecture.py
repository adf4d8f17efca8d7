"""The house rules of the code, read from every module's imports with `ast` (issue 13).

Layers, bottom to top: `core` (site-wide code; imports no project app), the content apps, and
`website` (the project package; may import anything). A module may import its own layer or a
lower one. Among the content apps only the directions in CONTENT_APP_IMPORTS are allowed, so the
app graph stays acyclic, and no two modules import each other, directly or round about.

What counts:
- every `import` and `from ... import`, relative ones included, also inside functions: a
  function-level import hides a cycle from Python at start-up, not from the design;
- imports under `if TYPE_CHECKING:` count for the layers, the app directions and the app graph
  (the dependency is real for the reader), but not for the module cycles (they never run);
- migrations (`*/migrations/*`) are left out of the cycles and the app directions (an old
  migration keeps importing what it imported), but may not import a higher layer either;
- `tests/`, `scripts/` and `manage.py` are outside the layers: they may import anything, and no
  app imports them. Strings (`"ambassadors.AmbassadorPage"`, `apps.get_model`) are not imports.

The checker is a few pure functions in this module (no test module imports another); the
self-tests at the end run it on small trees in tmp_path.
"""

import ast
from collections import defaultdict, namedtuple
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. A module may import its own layer or a lower one.
LAYERS = [
    ["core"],
    ["home", "ambassadors", "contact", "search"],
    ["demo"],
    ["website"],
]

# Which content app may import which other one (the arrow points at what is imported); it must
# stay acyclic. home is the base of the content: the home page, general pages, the site settings
# and the navigation every page shows. Stories build on it; contact requests name an ambassador
# and read the secretariat's settings. The demo content builds every app's pages, so it is a
# layer of its own above them. Everything site-wide that two apps need goes down into core.
CONTENT_APP_IMPORTS = {
    "home": set(),
    "ambassadors": {"home"},
    "contact": {"home", "ambassadors"},
    "search": {"home"},
}

# Outside the layers: they may import the apps, no app may import them.
OUTSIDE = {"tests", "scripts", "manage"}

Import = namedtuple("Import", "source target path line in_function type_checking in_migration")


# The checker --------------------------------------------------------------------------------


def project_modules(root, packages):
    """{dotted module name: (path, is_package)} for every .py file under the given packages."""
    modules = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            modules[".".join(parts)] = (path, is_package)
    return modules


def app_of(module):
    return module.split(".")[0]


def is_type_checking(test):
    """`if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def import_statements(tree):
    """(node, in_function, type_checking) for every import statement, however deeply nested."""

    def walk(node, in_function, type_checking):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, in_function, type_checking
            return
        if isinstance(node, ast.If) and is_type_checking(node.test):
            for child in node.body:
                yield from walk(child, in_function, True)
            for child in node.orelse:
                yield from walk(child, in_function, type_checking)
            return
        nested = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        for child in ast.iter_child_nodes(node):
            yield from walk(child, nested, type_checking)

    yield from walk(tree, False, False)


def longest_known(dotted, modules):
    """The module that `import a.b.c` names: the longest prefix that is a project module."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return dotted if parts[0] in OUTSIDE else None


def imported_modules(node, module, is_package, modules):
    """The project modules one import statement names (others, Django's and so on, are left out)."""
    if isinstance(node, ast.Import):
        targets = [longest_known(alias.name, modules) for alias in node.names]
        return [target for target in targets if target]
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        base = package[: len(package) - node.level + 1]
        base = ".".join(base + ([node.module] if node.module else []))
    else:
        base = node.module
    targets = []
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        targets.append(submodule if submodule in modules else longest_known(base, modules))
    return list(dict.fromkeys(target for target in targets if target))


def read_imports(root, packages):
    """Every import between project modules, as Import records."""
    modules = project_modules(root, packages)
    found = []
    for module, (path, is_package) in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        in_migration = "migrations" in module.split(".")
        for node, in_function, type_checking in import_statements(tree):
            for target in imported_modules(node, module, is_package, modules):
                if target != module:
                    found.append(
                        Import(
                            module,
                            target,
                            path.relative_to(root).as_posix(),
                            node.lineno,
                            in_function,
                            type_checking,
                            in_migration,
                        )
                    )
    return found


def strongly_connected(graph):
    """Tarjan's strongly connected components of {node: set of nodes} with more than one node."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def shortest_cycle_through(start, graph, component):
    """The shortest path start -> ... -> start inside one strongly connected component."""
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for successor in sorted(graph.get(node, ())):
            if successor == start:
                return paths[node] + [start]
            if successor in component and successor not in paths:
                paths[successor] = paths[node] + [successor]
                queue.append(successor)
    raise AssertionError(f"{start} is in a component without a cycle")


def find_cycles(graph):
    """Cycles of {node: set of nodes}: the shortest one through each node that is on any, without
    repeats, each starting at its smallest node."""
    cycles = set()
    for component in strongly_connected(graph):
        for node in sorted(component):
            cycle = shortest_cycle_through(node, graph, component)[:-1]
            first = cycle.index(min(cycle))
            cycles.add(tuple(cycle[first:] + cycle[:first] + [cycle[first]]))
    return sorted(cycles, key=lambda cycle: (len(cycle), cycle))


def where(record):
    notes = []
    if record.in_function:
        notes.append("in a function")
    if record.type_checking:
        notes.append("TYPE_CHECKING")
    return f"{record.path}:{record.line}" + (f" ({', '.join(notes)})" if notes else "")


def describe_cycles(cycles, edges):
    """Readable lines: each cycle as a path, then every import that makes each of its steps."""
    lines = []
    for cycle in cycles:
        lines.append(" -> ".join(cycle))
        for step in zip(cycle, cycle[1:], strict=False):
            lines.append(f"    {step[0]} -> {step[1]}:")
            for record in sorted(edges[step], key=lambda record: (record.path, record.line)):
                lines.append(f"        {where(record)}: {record.source} imports {record.target}")
    return lines


def module_cycles(imports):
    """Cycles between modules that run: TYPE_CHECKING imports and migrations left out."""
    graph, edges = defaultdict(set), defaultdict(list)
    for record in imports:
        if not record.type_checking and not record.in_migration and app_of(record.target) not in OUTSIDE:
            graph[record.source].add(record.target)
            edges[(record.source, record.target)].append(record)
    return describe_cycles(find_cycles(graph), edges)


def app_cycles(imports):
    """Cycles between apps (top-level packages), migrations left out."""
    graph, edges = defaultdict(set), defaultdict(list)
    for record in imports:
        source, target = app_of(record.source), app_of(record.target)
        if source != target and not record.in_migration and target not in OUTSIDE:
            graph[source].add(target)
            edges[(source, target)].append(record)
    return describe_cycles(find_cycles(graph), edges)


def layer_violations(imports, layers=LAYERS, content_app_imports=CONTENT_APP_IMPORTS):
    """One line per import of a higher layer, of an app outside the layers, or of a content app
    in a direction CONTENT_APP_IMPORTS does not allow (migrations excepted for that last one)."""
    layer_of = {app: number for number, apps in enumerate(layers) for app in apps}
    names = [" / ".join(apps) for apps in layers]
    violations = []
    for record in sorted(imports, key=lambda r: (r.path, r.line, r.target)):
        source, target = app_of(record.source), app_of(record.target)
        if source == target:
            continue
        if target in OUTSIDE:
            violations.append(f"{where(record)}: {record.source} imports {record.target}, which is outside the layers")
        elif layer_of[target] > layer_of[source]:
            violations.append(
                f"{where(record)}: {record.source} imports {record.target}, a higher layer "
                f"({names[layer_of[source]]} may not import {names[layer_of[target]]})"
            )
        elif (
            source in content_app_imports
            and target in content_app_imports
            and target not in content_app_imports[source]
            and not record.in_migration
        ):
            allowed = ", ".join(sorted(content_app_imports[source])) or "no other content app"
            violations.append(
                f"{where(record)}: {record.source} imports {record.target}, but {source} may import "
                f"only {allowed} (CONTENT_APP_IMPORTS)"
            )
    return violations


def project_packages():
    return [app for apps in LAYERS for app in apps]


# The real tree ------------------------------------------------------------------------------


def real_imports():
    assert len(project_modules(ROOT, project_packages())) > 80, "the scan found too few modules"
    return read_imports(ROOT, project_packages())


def test_no_import_cycle_between_modules():
    cycles = module_cycles(real_imports())
    assert not cycles, "Import cycles between modules:\n" + "\n".join(cycles)


def test_no_import_cycle_between_apps():
    cycles = app_cycles(real_imports())
    assert not cycles, "Import cycles between apps:\n" + "\n".join(cycles)


def test_no_module_imports_a_higher_layer_or_against_the_app_directions():
    violations = layer_violations(real_imports())
    assert not violations, "Imports against the layers:\n" + "\n".join(violations)


def test_the_allowed_app_directions_are_acyclic_and_name_every_content_app():
    assert set(CONTENT_APP_IMPORTS) == set(LAYERS[1])
    assert all(targets <= set(LAYERS[1]) for targets in CONTENT_APP_IMPORTS.values())
    assert not find_cycles(CONTENT_APP_IMPORTS)


# The checker on small trees -----------------------------------------------------------------


def write_tree(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        for parent in path.relative_to(root).parents:
            if parent != Path(".") and not (root / parent / "__init__.py").exists():
                (root / parent / "__init__.py").write_text("")
    return read_imports(root, ["core", "home", "ambassadors", "contact", "search", "demo", "website"])


def test_checker_reports_a_module_cycle_with_its_path(tmp_path):
    imports = write_tree(
        tmp_path,
        {
            "home/models.py": "from home import queries\n",
            "home/queries.py": "import home.seo\n",
            "home/seo.py": "from .models import HomePage\n",
            "home/views.py": "from home.models import HomePage\n",
        },
    )
    cycles = module_cycles(imports)
    assert cycles[0] == "home.models -> home.queries -> home.seo -> home.models"
    assert "        home/seo.py:1: home.seo imports home.models" in cycles
    assert len([line for line in cycles if not line.startswith(" ")]) == 1


def test_checker_reports_an_app_cycle_through_a_function_level_import(tmp_path):
    imports = write_tree(
        tmp_path,
        {
            "home/models.py": "from ambassadors.models import AmbassadorPage\n",
            "ambassadors/models.py": "def featured():\n    from home.models import HomePage\n    return HomePage\n",
        },
    )
    cycles = app_cycles(imports)
    assert cycles[0] == "ambassadors -> home -> ambassadors"
    assert "        ambassadors/models.py:2 (in a function): ambassadors.models imports home.models" in cycles
    assert module_cycles(imports)[0] == "ambassadors.models -> home.models -> ambassadors.models"


def test_checker_reports_core_importing_home(tmp_path):
    imports = write_tree(
        tmp_path,
        {
            "core/cache.py": "import django\nimport home.models\n",
            "home/models.py": "from core import cache\n",
        },
    )
    assert layer_violations(imports) == [
        "core/cache.py:2: core.cache imports home.models, a higher layer "
        "(core may not import home / ambassadors / contact / search)"
    ]


def test_checker_reports_a_content_app_import_against_the_allowed_direction(tmp_path):
    imports = write_tree(
        tmp_path,
        {
            "home/signals.py": "from ambassadors.models import AmbassadorPage\n",
            "ambassadors/models.py": "from home.models import HomePage\n",
            "home/models.py": "",
        },
    )
    assert layer_violations(imports) == [
        "home/signals.py:1: home.signals imports ambassadors.models, but home may import "
        "only no other content app (CONTENT_APP_IMPORTS)"
    ]


def test_checker_resolves_relative_imports(tmp_path):
    imports = write_tree(
        tmp_path,
        {
            "ambassadors/__init__.py": "from . import blocks\n",
            "ambassadors/blocks.py": "",
            "ambassadors/models.py": "from .blocks import QuoteBlock\n",
            "ambassadors/templatetags/story_tags.py": "from .. import models\nfrom ..blocks import QuoteBlock\n",
            "website/urls.py": "from ambassadors.models import AmbassadorPage, story_cards\n",
        },
    )
    assert sorted((record.source, record.target) for record in imports) == [
        ("ambassadors", "ambassadors.blocks"),
        ("ambassadors.models", "ambassadors.blocks"),
        ("ambassadors.templatetags.story_tags", "ambassadors.blocks"),
        ("ambassadors.templatetags.story_tags", "ambassadors.models"),
        ("website.urls", "ambassadors.models"),
    ]


def test_type_checking_imports_count_for_the_layers_but_not_for_module_cycles(tmp_path):
    imports = write_tree(
        tmp_path,
        {
            "core/seo.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from home.models import HomePage\n"
            ),
            "home/models.py": "from core.seo import describe\n",
        },
    )
    assert module_cycles(imports) == []
    assert layer_violations(imports)[0].startswith("core/seo.py:3 (TYPE_CHECKING): core.seo imports home.models")


def test_migrations_are_out_of_the_cycles_but_not_above_the_layers(tmp_path):
    imports = write_tree(
        tmp_path,
        {
            "ambassadors/models.py": "from home.models import HomePage\n",
            "home/models.py": "",
            "home/migrations/0002_moved.py": "import ambassadors.models\nfrom website.settings import base\n",
            "website/settings/base.py": "",
        },
    )
    assert module_cycles(imports) == []
    assert app_cycles(imports) == []
    assert layer_violations(imports) == [
        "home/migrations/0002_moved.py:2: home.migrations.0002_moved imports "
        "website.settings.base, a higher layer (home / ambassadors / contact / search may not import website)"
    ]


def test_no_app_may_import_the_tests(tmp_path):
    imports = write_tree(tmp_path, {"contact/forms.py": "from tests.conftest import anje\n"})
    assert layer_violations(imports) == [
        "contact/forms.py:1: contact.forms imports tests.conftest, which is outside the layers"
    ]
