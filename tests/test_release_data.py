"""The committed release data is what the reference releases' own tools say today."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.pacemaker


def _extractor():
    spec = importlib.util.spec_from_file_location("extract_release_data", ROOT / "tools" / "extract_release_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _committed(release: str) -> str:
    return (ROOT / "schemas" / "releases" / f"{release}.json").read_text(encoding="utf-8")


def test_2_1_5_data_matches_the_host_binaries():
    extractor = _extractor()
    if not Path("/usr/lib/pacemaker/pacemaker-schedulerd").exists() or not shutil.which("cibadmin"):
        pytest.skip("Pacemaker's daemons or cibadmin are not installed (apt-get install pacemaker pacemaker-cli-utils)")
    document = extractor.extract(extractor.Release())
    if document["release"] != "2.1.5":
        pytest.skip(f"the host has Pacemaker {document['release']}, not the reference 2.1.5")
    assert extractor.render(document) == _committed("2.1.5")


def test_3_0_0_data_matches_the_reference_root(pacemaker3_root: Path):
    extractor = _extractor()
    document = extractor.extract(extractor.Release(str(pacemaker3_root)))
    assert document["release"] == "3.0.0"
    assert extractor.render(document) == _committed("3.0.0")


def test_the_data_says_where_each_list_came_from():
    import json

    for release in ("2.1.5", "3.0.0"):
        document = json.loads(_committed(release))
        assert document["release"] == release
        assert all(entry["source"] for entry in document["resource-meta-attributes"]["lists"])
        for key in ("fence-device-parameters", "schemas", "new-cib", "operation-attributes", "environment-variables"):
            assert document[key]["source"], key
        assert "pacemaker-schedulerd metadata" in document["cluster-options"]["sources"]
