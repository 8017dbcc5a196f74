"""PCS508 knet-link-options: knet ping options set alone or too small, link numbers past 7 or more
than 8 links, knet_link_priority with link_mode active."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import KNET_PING_MINIMUM_MS, MAX_KNET_LINKS, at, key_at, where


def check(ctx: Context) -> Iterator[Problem]:
    for conf in ctx.corosync:
        interfaces = conf.sections("totem.interface")
        mode = conf.key("totem.link_mode")
        for interface in interfaces:
            interval, timeout = interface.get("knet_ping_interval"), interface.get("knet_ping_timeout")
            for present, missing in ((interval, "knet_ping_timeout"), (timeout, "knet_ping_interval")):
                if present is not None and interface.get(missing) is None:
                    yield Problem(
                        f"{where(conf)} line {present.line}: {present.name} is set without {missing}: knet then "
                        f"derives {missing} from its own default, not from this value",
                        object_id=present.dotted, location=key_at(conf, present),
                        hint="set both knet_ping_interval and knet_ping_timeout in this interface section",
                    )
            for key in (interval, timeout):
                number = key.as_int() if key is not None else None
                if key is not None and number is not None and number < KNET_PING_MINIMUM_MS:
                    yield Problem(
                        f"{where(conf)} line {key.line}: {key.name} {number} ms is below {KNET_PING_MINIMUM_MS} ms: "
                        "a busy node misses pings and the link flaps",
                        object_id=key.dotted, location=key_at(conf, key),
                        hint=f"use at least {KNET_PING_MINIMUM_MS} ms (pcs cluster config update link ... or edit "
                             "the interface section on every node)",
                    )
            link = interface.get("linknumber")
            number = link.as_int() if link is not None else None
            if link is not None and number is not None and number >= MAX_KNET_LINKS:
                yield Problem(
                    f"{where(conf)} line {link.line}: linknumber {number}: knet has links 0 to {MAX_KNET_LINKS - 1}",
                    object_id=link.dotted, location=key_at(conf, link),
                    hint=f"number the links from 0 to {MAX_KNET_LINKS - 1}",
                )
            priority = interface.get("knet_link_priority")
            if priority is not None and mode is not None and mode.value == "active":
                yield Problem(
                    f"{where(conf)} line {priority.line}: knet_link_priority with link_mode active (line "
                    f"{mode.line}): active mode uses every link at once, so the priority is ignored",
                    object_id=priority.dotted, location=key_at(conf, priority),
                    hint="remove knet_link_priority, or use link_mode passive",
                )
        if len(interfaces) > MAX_KNET_LINKS:
            yield Problem(
                f"{where(conf)} line {interfaces[MAX_KNET_LINKS].line}: {len(interfaces)} interface sections: knet "
                f"has at most {MAX_KNET_LINKS} links",
                object_id="totem.interface", location=at(conf, interfaces[MAX_KNET_LINKS].line),
                hint=f"keep at most {MAX_KNET_LINKS} links",
            )


RULE = Rule(
    code="PCS508",
    name="knet-link-options",
    severity=Severity.WARNING,
    summary="knet ping interval/timeout set alone or below 200 ms, linknumber above 7 or more than 8 links, link "
    "priority with link_mode active",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
