"""fencing-enabled by target release, against the real crm_verify of both reference releases.

Neither 2.1.5 nor 3.0.0 reads fencing-enabled: with it as the only switch and no fence device,
both refuse to start resources ("Resource start-up disabled since no STONITH resources have
been defined"). PCS301 must fire for each target exactly when that release's crm_verify says so,
and PCS302/PCS307 must not read fencing-enabled=false as fencing off.
"""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import pytest

from pcs_lint.testing import cib, cluster_properties, lint_text

from .conftest import crm_verify_in_root

# slow: runs crm_verify for many cases (the inner loop skips it: -m "not slow")
pytestmark = [pytest.mark.pacemaker, pytest.mark.slow]

REFUSED = "Resource start-up disabled since no STONITH resources have been defined"
RESOURCE = ('      <primitive id="d" class="ocf" provider="pacemaker" type="Dummy">\n'
            '        <operations><op id="d-mon" name="monitor" interval="10s" on-fail="fence"/></operations>\n'
            "      </primitive>\n")
SETTINGS = [
    (),
    (("fencing-enabled", "false"),),
    (("fencing-enabled", "true"),),
    (("stonith-enabled", "false"),),
    (("stonith-enabled", "true"),),
    (("fencing-enabled", "false"), ("stonith-enabled", "true")),
    (("fencing-enabled", "true"), ("stonith-enabled", "false")),
]


def generated_cibs():
    for pairs, validate_with in itertools.product(SETTINGS, ("pacemaker-3.9", "pacemaker-3.0")):
        crm_config = cluster_properties(*pairs) if pairs else ""
        yield pairs, cib(resources=RESOURCE, crm_config=crm_config, fencing=False, validate_with=validate_with)


def fencing_off(pairs) -> bool:
    return dict(pairs).get("stonith-enabled") == "false"


def check_release(version: str, verify) -> None:
    for pairs, xml in generated_cibs():
        output = verify(xml)
        refused = REFUSED in output
        codes = [f.rule for f in lint_text(xml, select=["PCS301", "PCS302", "PCS307"], pacemaker_version=version)]
        assert ("PCS301" in codes) == refused, (version, pairs, output)
        # Fencing is off only by stonith-enabled=false, whatever fencing-enabled says.
        assert ("PCS302" in codes) == fencing_off(pairs), (version, pairs)
        assert ("PCS307" in codes) == fencing_off(pairs), (version, pairs)
        assert refused != fencing_off(pairs), (version, pairs, output)


def test_against_crm_verify_2_1_5(crm_verify: str, tmp_path: Path):
    def verify(xml: str) -> str:
        path = tmp_path / "cib.xml"
        path.write_text(xml, encoding="utf-8")
        done = subprocess.run([crm_verify, "-VV", "-x", str(path)], capture_output=True, text=True, timeout=60)
        assert "Pacemaker 2.1.5" in subprocess.run([crm_verify, "--version"], capture_output=True, text=True).stdout
        return done.stdout + done.stderr

    check_release("2.1.5", verify)


def test_against_crm_verify_3_0_0(pacemaker3_root: Path):
    def verify(xml: str) -> str:
        done = crm_verify_in_root(pacemaker3_root, xml)
        return done.stdout + done.stderr

    check_release("3.0.0", verify)
