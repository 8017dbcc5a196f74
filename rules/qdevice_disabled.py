"""PCS502 qdevice-disabled: a quorum device beside auto_tie_breaker or last_man_standing, which
votequorum refuses to combine (error); last_man_standing_window without last_man_standing (warning)."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import device_section, flag, has_quorum_device, key_at, pcs_fix, where


def check(ctx: Context) -> Iterator[Problem]:
    for conf in ctx.corosync:
        if has_quorum_device(conf):
            device = device_section(conf)
            for option in ("auto_tie_breaker", "last_man_standing"):
                key = conf.key(f"quorum.{option}")
                if key is None or not flag(conf, f"quorum.{option}"):
                    continue
                yield Problem(
                    f"{where(conf)} line {key.line}: '{option}: 1' beside the quorum device of line "
                    f"{device.line if device else '?'}: votequorum does not use a device together with {option} "
                    "(votequorum(5)), so the device's vote never counts",
                    object_id=f"quorum.{option}", location=key_at(conf, key),
                    # pcs 0.11.5 refuses 'pcs quorum update' of these options while a device is
                    # configured ("These options cannot be set when the cluster uses a quorum device").
                    hint=f"remove '{option}: 1' from the quorum section on every node (pcs refuses to change "
                         "it while a device is configured), then pcs cluster reload corosync; or remove "
                         "the device (pcs quorum device remove) if the option is what you want",
                )
        window = conf.key("quorum.last_man_standing_window")
        if window is not None and not flag(conf, "quorum.last_man_standing"):
            yield Problem(
                f"{where(conf)} line {window.line}: last_man_standing_window is set but last_man_standing is not "
                "on: the window does nothing",
                object_id="quorum.last_man_standing_window", location=key_at(conf, window),
                severity=Severity.WARNING,
                # pcs 0.11.5 refuses 'last_man_standing_window=' here (it validates the window
                # against the missing last_man_standing): removing it is a hand edit.
                **pcs_fix("pcs quorum update last_man_standing=1",
                              then="or, if last_man_standing is not wanted, remove last_man_standing_window from "
                                   "the quorum section on every node"),
            )


RULE = Rule(
    code="PCS502",
    name="qdevice-disabled",
    severity=Severity.ERROR,
    summary="a quorum device beside auto_tie_breaker or last_man_standing (error); last_man_standing_window "
    "alone (warning)",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
