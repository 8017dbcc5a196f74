"""The target release: option, config, dc-version, else inferred; and the data chosen for it."""

from __future__ import annotations

import pytest

from pcs_lint.cli import main
from pcs_lint.model import build_index
from pcs_lint.parse import parse_xml
from pcs_lint.release import CONFIG, OPTION, ReleaseSetting, reference_data, resolve


def cib(attributes: str = 'validate-with="pacemaker-3.9"', dc: str | None = None):
    options = (f'<cluster_property_set id="o"><nvpair id="o-dc" name="dc-version" value="{dc}"/>'
               "</cluster_property_set>") if dc is not None else ""
    xml = f"<cib {attributes}><configuration><crm_config>{options}</crm_config><nodes/><resources/>" \
          "<constraints/></configuration></cib>"
    return build_index(parse_xml(xml.encode()).root)


@pytest.mark.parametrize(("attributes", "expected"), [
    ('validate-with="pacemaker-3.9" crm_feature_set="3.16.1"', "2.1.5"),
    ('validate-with="pacemaker-1.0"', "2.1.5"),
    ('validate-with="pacemaker-1.1"', "2.1.5"),  # older than 2.1.5's newest: no newer release needed
    ("", "2.1.5"),
    ('validate-with="pacemaker-3.9" crm_feature_set="3.19.0"', "3.0.0"),  # 2.1.5 writes 3.16.1
    ('validate-with="pacemaker-3.10"', "3.0.0"),
    ('validate-with="pacemaker-4.0"', "3.0.0"),
    ('validate-with="pacemaker-4.1"', "3.0.0"),  # newer than every reference release: the newest
])
def test_inferred_is_the_oldest_reference_release_that_can_have_written_it(attributes, expected):
    target = resolve(ReleaseSetting(), cib(attributes))
    assert (target.version, target.source, target.data.release) == (expected, "inferred", expected)
    assert target.assumption().startswith(f" (assuming Pacemaker {expected}, inferred from")


@pytest.mark.parametrize(("dc", "version", "data"), [
    ("2.1.5-a3f44794f94", "2.1.5", "2.1.5"),
    ("1.1.18-2b07d5c5a9", "1.1.18", "2.1.5"),
    ("2.1.9-49aab9983", "2.1.9", "2.1.5"),
    ("3.0.1-1.el10", "3.0.1", "3.0.0"),
    ("3.1.0", "3.1.0", "3.0.0"),
])
def test_dc_version_wins_over_inference(dc, version, data):
    target = resolve(ReleaseSetting(), cib('validate-with="pacemaker-4.0"', dc=dc))
    assert (target.version, target.source, target.data.release) == (version, "dc-version", data)
    assert target.assumption() == ("" if version == data else
                                   f" (judged with the data of Pacemaker {data}, the reference release nearest "
                                   f"to {version} from the CIB's dc-version)")
    assert target.newer_than_data == (version > data)


def test_a_dc_version_that_is_no_version_is_ignored():
    assert resolve(ReleaseSetting(), cib(dc="unknown")).source == "inferred"


def test_the_run_setting_wins_over_dc_version():
    for source in (OPTION, CONFIG):
        target = resolve(ReleaseSetting("3.0", source), cib(dc="2.1.5-a3f44794f94"))
        assert (target.version, target.source, target.data.release) == ("3.0", source, "3.0.0")


def test_the_data_is_the_release_own():
    assert reference_data("2.1.5").knows_option("stonith-enabled")
    assert not reference_data("2.1.5").knows_option("fencing-enabled")
    assert not reference_data("3.0.0").knows_option("fencing-enabled")
    assert reference_data("3.0.0").ships_schema("pacemaker-4.0") and not reference_data("2.1.5").ships_schema("pacemaker-4.0")


@pytest.mark.parametrize("value", ["3", "three", "3.0.0.1", "", "3.0-rc1"])
def test_a_bad_option_is_a_usage_error(capsys, value):
    with pytest.raises(SystemExit) as exited:
        main(["--isolated", "--pacemaker-version", value, "x.xml"])
    assert exited.value.code == 2
    assert "--pacemaker-version" in capsys.readouterr().err


def test_the_config_value_is_validated(capsys, tmp_path):
    config = tmp_path / ".pcs-lint.toml"
    config.write_text('pacemaker-version = "2.x"\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["--config", str(config), "x.xml"])
    assert exited.value.code == 2
    assert "pacemaker-version" in capsys.readouterr().err


def test_config_release_and_verbose_text(capsys, tmp_path):
    target = tmp_path / "cib.xml"
    target.write_text('<cib validate-with="pacemaker-3.9"><configuration><crm_config/><nodes/><resources/>'
                      "<constraints/></configuration></cib>", encoding="utf-8")
    config = tmp_path / ".pcs-lint.toml"
    config.write_text('pacemaker-version = "3.0"\nselect = ["PCS2"]\n', encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["--config", str(config), "--verbose", str(target)])
    assert capsys.readouterr().out.splitlines()[-1] == f"{target}: target Pacemaker 3.0 (config, judged with 3.0.0's data)"
    with pytest.raises(SystemExit):
        main(["--isolated", "--select", "PCS2", "-v", str(target)])
    assert capsys.readouterr().out.splitlines()[-1] == f"{target}: target Pacemaker 2.1.5 (inferred)"


def test_hostile_release_inputs_give_findings_or_a_one_line_error(tmp_path):
    import json

    from .hostile import run_hostile

    values = ["9" * 200_000, "1." * 100_000, " " * 200_000 + "2.1.5", "3.0.0-" + "\x01" * 10, "٣.٠.٠"]
    for index, value in enumerate(values):
        safe = value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace("\x01", "")
        path = tmp_path / f"c{index}.xml"
        path.write_text(
            f'<cib validate-with="pacemaker-{safe[:50_000]}" crm_feature_set="{safe}"><configuration><crm_config>'
            f'<cluster_property_set id="o"><nvpair id="o-dc" name="dc-version" value="{safe}"/>'
            "</cluster_property_set></crm_config><nodes/><resources/><constraints/></configuration></cib>",
            encoding="utf-8")
        done = run_hostile(["--isolated", "--format", "json", str(path)], cwd=tmp_path, expect=(0, 1))
        assert json.loads(done.stdout)["files"][0]["pacemaker"]["source"] in ("dc-version", "inferred")
        option = run_hostile(["--isolated", "--pacemaker-version", value[:10_000], str(path)], cwd=tmp_path, expect=2)
        assert len(option.stderr.strip().splitlines()) == 1
