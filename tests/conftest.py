"""Shared fixtures: where the project, its samples and the shared corpus are."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"

# Tests never load whatever pcs-lint plugins happen to be installed on the machine.
os.environ.setdefault("PCS_LINT_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "pacemaker-cts").is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


@pytest.fixture(scope="session")
def pacemaker_schema_dir() -> Path:
    directory = Path(os.environ.get("PCMK_schema_directory", "/usr/share/pacemaker"))
    if not any(directory.glob("pacemaker-*.rng")):
        pytest.skip("Pacemaker's RELAX NG schemas are not installed (apt-get install pacemaker-common)")
    return directory


def _pacemaker_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (apt-get install pacemaker-cli-utils)")
    return found


@pytest.fixture(scope="session")
def crm_verify() -> str:
    return _pacemaker_tool("crm_verify")


@pytest.fixture(scope="session")
def crm_simulate() -> str:
    return _pacemaker_tool("crm_simulate")
