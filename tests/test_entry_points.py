"""The cheap "may any distribution declare this entry-point group?" (lint/entry_points.py):
never "no" where importlib.metadata would find one."""

from __future__ import annotations

import sys
import zipfile
from importlib import metadata

import pytest

from pcs_lint.entry_points import may_declare


def dist(site, name, entry_points_text):
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points_text is not None:
        (info / "entry_points.txt").write_text(entry_points_text)


@pytest.fixture
def only(monkeypatch):
    def use(*entries):
        monkeypatch.setattr(sys, "path", [str(entry) for entry in entries])
    return use


def test_a_declared_group_is_found_and_agrees_with_importlib_metadata(tmp_path, only):
    dist(tmp_path, "plain", "[console_scripts]\nplain = pcs_lint.cli:main\n")  # names pcs_lint, not the group
    dist(tmp_path, "nothing", None)
    only(tmp_path)
    assert not may_declare("pcs_lint")
    assert not list(metadata.entry_points(group="pcs_lint"))
    dist(tmp_path, "extra", "# rules\n  [pcs_lint]  \nextra = extra.plugin\n")
    assert may_declare("pcs_lint")
    assert [ep.name for ep in metadata.entry_points(group="pcs_lint")] == ["extra"]


def test_egg_info_and_eggs(tmp_path, only):
    (tmp_path / "single.egg-info").write_text("Metadata-Version: 1.0\n")  # a file, no entry points
    only(tmp_path)
    assert not may_declare("pcs_lint")
    egg = tmp_path / "old-1.0.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    (egg / "EGG-INFO" / "entry_points.txt").write_text("[pcs_lint]\nold = old.plugin\n")
    only(tmp_path, egg)
    assert may_declare("pcs_lint")


def test_a_zip_or_another_finder_is_a_maybe(tmp_path, only, monkeypatch):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("x-1.0.dist-info/entry_points.txt", "[pcs_lint]\nx = x\n")
    only(archive)
    assert may_declare("pcs_lint")
    only(tmp_path / "missing")
    assert not may_declare("pcs_lint")

    class Finder:
        def find_spec(self, *args):
            return None

        def find_distributions(self, *args):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
    assert may_declare("pcs_lint")


def test_every_group_of_this_environment_is_a_maybe():
    groups = {ep.group for distribution in metadata.distributions() for ep in distribution.entry_points}
    assert "console_scripts" in groups
    assert all(may_declare(group) for group in groups)
    assert not may_declare("pcs_lint_no_distribution_declares_this")
