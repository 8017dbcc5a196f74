"""PCS307 fencing-required: settings that need fencing while it is disabled, and
requires=unfencing on a fence device."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._fencing import FencingSetting, enable_fencing_fix, enable_fencing_hint, fencing_setting


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    setting = fencing_setting(cib, ctx.release)
    devices_by_owner = _fence_devices_by_owner(cib)
    # From each meta_attributes to its nvpairs: cheaper than asking every nvpair for its parent.
    for meta in cib.elements("meta_attributes"):
        for pair in meta.iterchildren("nvpair"):
            name = pair.get("name")
            if name == "requires" or name == "on-fail":
                problem = _needs_fencing(cib, setting, devices_by_owner, meta.getparent(), pair, name)
                if problem is not None:
                    yield problem
    if setting.enabled:
        return
    for op in cib.elements("op"):
        if (op.get("on-fail") or "").lower() == "fence":
            yield _disabled(cib, op, f"on-fail=fence on operation {op.get('id')!r}",
                            "Pacemaker resets it to on-fail=stop, so a failure stops the "
                            "resource instead of fencing its node", setting)
    for ticket in cib.elements("rsc_ticket"):
        if (ticket.get("loss-policy") or "").lower() == "fence":
            yield _disabled(cib, ticket, f"loss-policy=fence on ticket constraint {ticket.get('id')!r}",
                            "Pacemaker resets it to loss-policy=stop, so losing the ticket only "
                            "stops the resources", setting)


def _needs_fencing(cib: Cib, setting: FencingSetting, devices_by_owner: dict[Any, list[str]],
                   owner: Any, pair: Any, name: str) -> Problem | None:
    """The finding for a requires or on-fail meta attribute of ``owner``, if it has one."""
    value = (pair.get("value") or "").lower()
    if name == "requires" and value == "unfencing" and owner in devices_by_owner:
        return _unfencing_on_device(pair, owner, devices_by_owner[owner])
    if name == "requires" and value == "unfencing" and not setting.enabled:
        return _disabled(cib, pair, f"requires=unfencing on {_describe(owner)}",
                         "Pacemaker resets it to requires=quorum, so the resource starts on "
                         "nodes that were never unfenced", setting)
    if name == "requires" and value == "fencing" and not setting.enabled:
        return _disabled(cib, pair, f"requires=fencing on {_describe(owner)}",
                         "nothing confirms that a failed node is down before its resources "
                         "are recovered elsewhere", setting)
    if name == "on-fail" and value == "fence" and not setting.enabled:
        return _disabled(cib, pair, f"on-fail=fence in {_describe(owner)}",
                         "Pacemaker resets it to on-fail=stop", setting)
    return None


def _disabled(cib: Cib, element: Any, what: str, effect: str, setting: FencingSetting) -> Problem:
    return Problem(
        f"{what} needs fencing, but fencing is disabled ({setting.name}={setting.pair.value}): "
        f"{effect}",
        element=element,
        fix=enable_fencing_fix(cib),
        hint=f"enable fencing ({enable_fencing_hint(cib)}), or set the behaviour you actually get",
    )


def _unfencing_on_device(pair: Any, owner: Any, devices: list[str]) -> Problem:
    names = ", ".join(repr(d) for d in devices)
    return Problem(
        f"requires=unfencing on {_describe(owner)} applies to fence device{'s' if len(devices) > 1 else ''} "
        f"{names}: a fence device cannot wait for unfencing (it is what unfences), so Pacemaker "
        "resets it to requires=quorum",
        element=pair,
        **remedy(_remove_requires(pair, owner), "; put requires=unfencing on the resources that need the "
                 "unfenced storage instead"),
    )


def _remove_requires(pair: Any, owner: Any) -> Fix | str:
    if owner.tag == "rsc_defaults":
        return Fix.of("pcs resource defaults update requires=")  # an empty value removes it
    if owner.tag == "template":
        # pcs has no template commands; cibadmin deletes the nvpair by its id (live or CIB_file=).
        command = (f"cibadmin --delete --xml-text '<nvpair id=\"{pair.get('id')}\"/>'" if pair.get("id")
                   else "pcs cluster edit")
        return f"remove it from template {owner.get('id')!r}, which pcs has no command for: {command}"
    # pcs 0.11 deprecates "pcs resource meta" for a fence device itself.
    area = "stonith" if owner.tag == "primitive" else "resource"
    return Fix.of(f"pcs {area} meta {owner.get('id')} requires=")  # an empty value removes it


def _describe(owner: Any) -> str:
    if owner.tag in ("rsc_defaults", "op_defaults"):
        return owner.tag
    return f"{owner.tag} {owner.get('id')!r}"


def _fence_devices_by_owner(cib: Cib) -> dict[Any, list[str]]:
    """Every element whose meta attributes reach a fence device: the device itself, its template,
    its group or clone, and rsc_defaults."""
    owners: dict[Any, list[str]] = {}
    defaults = cib.elements("rsc_defaults")
    for device in cib.fence_devices:
        elements = [device.element, *(a.element for a in cib.ancestors(device)), *defaults]
        if device.template and device.template in cib.resources:
            elements.append(cib.resources[device.template].element)
        for element in elements:
            owners.setdefault(element, []).append(device.id)
    return owners


RULE = Rule(
    code="PCS307",
    name="fencing-required",
    severity=Severity.ERROR,
    summary="on-fail=fence, requires=fencing, loss-policy=fence with fencing disabled; "
    "requires=unfencing on a fence device",
    check=check,
    doc=rule_doc(__name__),
)
