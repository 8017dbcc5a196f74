"""Shared fixtures: where the project, its samples and the shared corpus are."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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


# The Debian 13 root with Pacemaker 3.0 (tools/reference-root.sh builds it; same variable).
REFERENCE_ROOT_ENV = "PCS_LINT_DEBIAN13_ROOT"
DEFAULT_REFERENCE_ROOT = "/var/cache/pcs-lint/debian13-root"


def reference_root() -> Path:
    return Path(os.environ.get(REFERENCE_ROOT_ENV) or DEFAULT_REFERENCE_ROOT)


@pytest.fixture(scope="session")
def pacemaker3_root() -> Path:
    root = reference_root()
    if not (root / "usr/sbin/crm_verify").exists():
        pytest.skip(f"the Debian 13 reference root with Pacemaker 3.0 is absent at {root} "
                    f"(build it with tools/reference-root.sh as root; ${REFERENCE_ROOT_ENV} moves it)")
    if os.geteuid() != 0:
        pytest.skip("running Pacemaker 3.0 in the reference root needs chroot, i.e. root")
    return root


def run_in_root(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["chroot", str(root), *args], capture_output=True, text=True,
                          timeout=timeout, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"})


def crm_verify_in_root(root: Path, xml: str | bytes) -> subprocess.CompletedProcess[str]:
    """``crm_verify -VV -x FILE`` of Pacemaker 3.0, on a copy of the CIB under ROOT/tmp."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    with tempfile.NamedTemporaryFile(dir=root / "tmp", suffix=".xml") as handle:
        handle.write(data)
        handle.flush()
        return run_in_root(root, "crm_verify", "-VV", "-x", "/tmp/" + Path(handle.name).name)
