from pcs_lint.testing import cib, lint_text


def pcs604(sbd):
    return [(f.path, f.line, f.object_id) for f in lint_text(cib(), select=["PCS604"], sbd=sbd)]


def test_readings_not_spellings_are_compared():
    same = {"node1": "SBD_WATCHDOG_TIMEOUT=10\n", "node2": "SBD_WATCHDOG_TIMEOUT=10s\n"}
    assert pcs604(same) == []


def test_the_odd_node_out_is_reported_with_every_reading():
    sbd = {"node1": "SBD_WATCHDOG_TIMEOUT=5\nSBD_DEVICE=/dev/a\n",
           "node2": "SBD_DEVICE=/dev/a\nSBD_WATCHDOG_TIMEOUT=15\n",
           "node3": "SBD_DEVICE=/dev/b\n"}
    assert pcs604(sbd) == [("node2.sbd", 2, "node2"), ("node3.sbd", 1, "node3")]
    findings = lint_text(cib(), select=["PCS604"], sbd=sbd)
    assert findings[0].message.startswith("SBD_WATCHDOG_TIMEOUT on node2 is read as 15 s, unlike other nodes "
                                          "(node1, node3: 5 s (node1.sbd:1); node2: 15 s (node2.sbd:2))")


def test_delay_pacemaker_and_start_mode():
    sbd = {"node1": "SBD_DELAY_START=yes\nSBD_PACEMAKER=yes\nSBD_STARTMODE=clean\n",
           "node2": "SBD_DELAY_START=yes\nSBD_PACEMAKER=yes\nSBD_STARTMODE=clean\n",
           "node3": "SBD_DELAY_START=30\nSBD_PACEMAKER=no\nSBD_STARTMODE=Clean\n"}
    assert pcs604(sbd) == [("node3.sbd", 1, "node3"), ("node3.sbd", 2, "node3"), ("node3.sbd", 3, "node3")]


def test_one_node_is_never_inconsistent():
    assert pcs604({"node1": "SBD_WATCHDOG_TIMEOUT=5\n"}) == []


def test_device_values_not_known_harmless_are_not_printed():
    sbd = {"node1": "SBD_DEVICE=/dev/a\n", "node2": "SBD_DEVICE=/dev/a\n", "node3": "SBD_DEVICE='hunter2 secret'\n"}
    findings = lint_text(cib(), select=["PCS604", "PCS607"], sbd=sbd)
    assert [(f.rule, f.object_id) for f in findings] == [("PCS604", "node3"), ("PCS607", "node1")]
    assert not any("hunter2" in f.message or "hunter2" in (f.hint or "") for f in findings)
    assert "node3: 1 device(s) not shown" in findings[0].message


def test_the_hint_names_pcs_where_pcs_writes_the_setting():
    findings = lint_text(cib(), select=["PCS604"], sbd={"node1": "SBD_WATCHDOG_TIMEOUT=5\nSBD_PACEMAKER=yes\n",
                                                        "node2": "SBD_WATCHDOG_TIMEOUT=5\nSBD_PACEMAKER=yes\n",
                                                        "node3": "SBD_WATCHDOG_TIMEOUT=10\nSBD_PACEMAKER=no\n"})
    assert [f.fix for f in findings] == [None, None]  # the nodes' files: advice only
    assert sorted(f.hint.rsplit(" (", 1)[-1] for f in findings) == [
        "node3.sbd on node3) and restart the cluster on that node",
        "pcs stonith sbd enable SBD_WATCHDOG_TIMEOUT=N writes it alike on every node)"]
