"""PCS702, with corosync.conf's facts built directly (no input provides them yet)."""

from pcs_lint.rules.two_node_fence_race import RULE
from pcs_lint.testing import cib, cluster_properties, line_of

from .sbd_helpers import check_with, quorum

DEVICE = ('<primitive id="fence-a" class="stonith" type="fence_ipmilan"><instance_attributes id="fa">'
          '{params}</instance_attributes></primitive>')


def xml_with(params="", options=()):
    return cib(resources=DEVICE.format(params=params), fencing=False,
               crm_config=cluster_properties(*options) if options else "")


def test_two_node_without_any_delay():
    xml = xml_with()
    problems = check_with(RULE, xml, facts=quorum(2, two_node=True))
    assert [p.element.sourceline for p in problems] == [line_of(xml, 'id="fence-a"')]
    assert problems[0].hint == "pcs stonith update fence-a pcmk_delay_max=15s, or pcs property set priority-fencing-delay=30s"
    assert problems[0].fix.commands == ("pcs stonith update fence-a pcmk_delay_max=15s",)


def test_any_tie_breaker_is_enough():
    facts = quorum(2, two_node=True)
    assert check_with(RULE, xml_with('<nvpair id="d" name="pcmk_delay_max" value="15s"/>'), facts=facts) == []
    assert check_with(RULE, xml_with('<nvpair id="d" name="pcmk_delay_base" value="node1:0;node2:10s"/>'), facts=facts) == []
    assert check_with(RULE, xml_with(options=[("priority-fencing-delay", "30s")]), facts=facts) == []
    assert check_with(RULE, xml_with(), facts=quorum(2, two_node=True, qdevice=True)) == []
    assert check_with(RULE, xml_with(), facts=quorum(3)) == []
    assert check_with(RULE, xml_with()) == []
    # The same static delay on both nodes breaks no tie.
    same = xml_with('<nvpair id="d" name="pcmk_delay_base" value="node1:5s;node2:5s"/>')
    assert len(check_with(RULE, same, facts=facts)) == 1
