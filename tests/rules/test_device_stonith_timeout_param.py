from pcs_lint.testing import codes_lines, line_of, lint_text

from .sbd_helpers import sbd_cib


def test_stonith_timeout_as_a_device_parameter():
    xml = sbd_cib(fence_sbd=True, device_params='          <nvpair id="fence-sbd-st" name="stonith-timeout" value="90s"/>\n')
    findings = lint_text(xml, select=["PCS310"])
    assert codes_lines(findings) == [("PCS310", line_of(xml, 'name="stonith-timeout"'))]
    assert findings[0].hint == "pcs stonith update fence-sbd stonith-timeout= pcmk_reboot_timeout=90s"
    assert findings[0].fix.commands == ("pcs stonith update fence-sbd stonith-timeout= pcmk_reboot_timeout=90s",)


def test_the_fix_keeps_the_devices_own_limit_and_drops_a_value_that_is_no_timeout():
    own = '          <nvpair id="fence-sbd-rt" name="pcmk_off_timeout" value="40s"/>\n'
    for params, command in (
            (own, "pcs stonith update fence-sbd stonith-timeout="),
            ("", "pcs stonith update fence-sbd stonith-timeout="),
    ):
        value = "90s" if params else "ninety"
        xml = sbd_cib(fence_sbd=True, device_params=params +
                      f'          <nvpair id="fence-sbd-st" name="stonith-timeout" value="{value}"/>\n')
        [finding] = lint_text(xml, select=["PCS310"])
        assert finding.fix.commands == (command,)


def test_as_a_cluster_option_it_is_fine():
    assert lint_text(sbd_cib(("stonith-timeout", "90s"), fence_sbd=True), select=["PCS310"]) == []
