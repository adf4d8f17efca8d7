"""The locks (requirements*.lock, what `make install` installs) agree with the pins people edit
(requirements*.txt): a pin changed without `make lock` fails here instead of being ignored."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def top_level_pins(filename):
    """{name: version} of the pins written in one requirements file (not those it includes)."""
    pins = {}
    for line in (ROOT / filename).read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            pins[normalized(match[1])] = match[2]
    return pins


def locked(filename):
    """{name: (version, number of hashes)} of every package in a lock."""
    packages = {}
    name = None
    for line in (ROOT / filename).read_text().splitlines():
        match = PIN.match(line)
        if match:
            name = normalized(match[1])
            packages[name] = (match[2], 0)
        elif name and line.strip().startswith("--hash=sha256:"):
            version, hashes = packages[name]
            packages[name] = (version, hashes + 1)
    return packages


@pytest.mark.parametrize(
    ("requirements", "lock"),
    [
        ("requirements.txt", "requirements.lock"),
        ("requirements-dev.txt", "requirements-dev.lock"),
        ("requirements.txt", "requirements-dev.lock"),
    ],
)
def test_every_pin_is_locked_at_its_version(requirements, lock):
    packages = locked(lock)
    stale = {
        name: f"{version} pinned, {packages.get(name, ('missing',))[0]} locked"
        for name, version in top_level_pins(requirements).items()
        if packages.get(name, (None,))[0] != version
    }
    assert not stale, f"{requirements} and {lock} disagree; run `make lock`: {stale}"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_locked_package_has_a_hash(lock):
    packages = locked(lock)
    assert len(packages) > 40
    assert not [name for name, (_version, hashes) in packages.items() if hashes == 0]


def test_dev_lock_has_the_runtime_versions():
    """Tests run on the versions production runs."""
    dev = locked("requirements-dev.lock")
    differing = {
        name: (version, dev.get(name, ("missing",))[0])
        for name, (version, _hashes) in locked("requirements.lock").items()
        if dev.get(name, (None,))[0] != version
    }
    assert not differing
