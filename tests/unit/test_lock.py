"""The lock files (bin/lock) pin what requirements*.txt ask for, every package with its hashes."""

from __future__ import annotations

import re

import pytest

from receipts.config import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)", re.MULTILINE)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(text: str) -> dict[str, str]:
    return {_normal(name): version for name, version in PIN.findall(text)}


def _entries(lock: str) -> list[str]:
    return re.split(r"\n(?=[a-z0-9])", lock.split("\n", 2)[2].strip())


@pytest.mark.parametrize(
    ("wanted", "lock"),
    [
        (["requirements.txt"], "requirements.lock"),
        (["requirements.txt", "requirements-dev.txt"], "requirements-dev.lock"),
    ],
)
def test_the_lock_pins_every_requirement_at_its_version_with_hashes(wanted, lock):
    text = (ROOT / lock).read_text(encoding="utf-8")
    locked = _pins(text)
    for name in wanted:
        for package, version in _pins((ROOT / name).read_text(encoding="utf-8")).items():
            assert locked.get(package) == version, f"{package}=={version} of {name}: run bin/lock"
    entries = _entries(text)
    assert len(entries) == len(locked)
    assert all("--hash=sha256:" in entry for entry in entries)


def test_the_development_lock_keeps_the_services_versions():
    service = _pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    development = _pins((ROOT / "requirements-dev.lock").read_text(encoding="utf-8"))
    assert {name: development.get(name) for name in service} == service
