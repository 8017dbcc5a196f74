from pcs_lint.testing import cib, cluster_properties, codes_ids, codes_lines, line_of, lint_text

DISABLED = cluster_properties(("stonith-enabled", "false"))


def pcs307(xml):
    return lint_text(xml, select=["PCS307"])


def test_on_fail_fence_on_an_op_with_fencing_disabled():
    xml = cib(crm_config=DISABLED, resources="""
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql">
        <operations>
          <op id="db-monitor-10s" name="monitor" interval="10s" on-fail="Fence"/>
          <op id="db-stop-0s" name="stop" interval="0s" on-fail="block"/>
        </operations>
      </primitive>""")
    findings = pcs307(xml)
    assert codes_lines(findings) == [("PCS307", line_of(xml, 'id="db-monitor-10s"'))]
    assert codes_ids(findings) == [("PCS307", "db-monitor-10s")]
    assert "resets it to on-fail=stop" in findings[0].message
    assert "stonith-enabled=false" in findings[0].message


def test_on_fail_fence_as_meta_of_an_op_and_in_op_defaults():
    xml = cib(crm_config=DISABLED, resources="""
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql">
        <operations>
          <op id="db-monitor-10s" name="monitor" interval="10s">
            <meta_attributes id="db-monitor-meta"><nvpair id="db-monitor-onfail" name="on-fail" value="fence"/></meta_attributes>
          </op>
        </operations>
      </primitive>""", extra="""    <op_defaults><meta_attributes id="op-defaults">
      <nvpair id="op-defaults-on-fail" name="on-fail" value="fence"/>
    </meta_attributes></op_defaults>
""")
    findings = pcs307(xml)
    assert codes_ids(findings) == [("PCS307", "db-monitor-onfail"), ("PCS307", "op-defaults-on-fail")]
    assert "in op 'db-monitor-10s'" in findings[0].message
    assert "in op_defaults" in findings[1].message


def test_requires_fencing_and_unfencing_with_fencing_disabled():
    xml = cib(crm_config=DISABLED, resources="""
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql">
        <meta_attributes id="db-meta"><nvpair id="db-requires" name="requires" value="fencing"/></meta_attributes>
      </primitive>
      <primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">
        <meta_attributes id="fs-meta"><nvpair id="fs-requires" name="requires" value="UNFENCING"/></meta_attributes>
      </primitive>""", extra="""    <rsc_defaults><meta_attributes id="rsc-defaults">
      <nvpair id="rsc-defaults-requires" name="requires" value="fencing"/>
    </meta_attributes></rsc_defaults>
""")
    findings = pcs307(xml)
    assert codes_ids(findings) == [("PCS307", "db-requires"), ("PCS307", "fs-requires"), ("PCS307", "rsc-defaults-requires")]
    assert "requires=fencing on primitive 'db'" in findings[0].message
    assert "resets it to requires=quorum" in findings[1].message
    assert "requires=fencing on rsc_defaults" in findings[2].message


def test_loss_policy_fence_with_fencing_disabled():
    xml = cib(crm_config=DISABLED, resources='<primitive id="db" class="ocf" provider="heartbeat" type="pgsql"/>',
              constraints="""
      <rsc_ticket id="t-db" ticket="site-a" rsc="db" loss-policy="fence"/>
      <rsc_ticket id="t-db2" ticket="site-b" rsc="db" loss-policy="stop"/>""")
    assert codes_lines(pcs307(xml)) == [("PCS307", line_of(xml, 'id="t-db"'))]


def test_all_of_it_is_fine_with_fencing_enabled():
    xml = cib(crm_config=cluster_properties(("stonith-enabled", "true")), resources="""
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql">
        <meta_attributes id="db-meta"><nvpair id="db-requires" name="requires" value="unfencing"/></meta_attributes>
        <operations><op id="db-monitor-10s" name="monitor" interval="10s" on-fail="fence"/></operations>
      </primitive>""", constraints='      <rsc_ticket id="t-db" ticket="site-a" rsc="db" loss-policy="fence"/>')
    assert pcs307(xml) == []


def test_other_requires_values_with_fencing_disabled_are_silent():
    xml = cib(crm_config=DISABLED, resources="""
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql">
        <meta_attributes id="db-meta"><nvpair id="db-requires" name="requires" value="quorum"/></meta_attributes>
        <instance_attributes id="db-ia"><nvpair id="db-ia-requires" name="requires" value="fencing"/></instance_attributes>
      </primitive>""")
    assert pcs307(xml) == []


def test_requires_unfencing_on_a_fence_device_even_with_fencing_enabled():
    xml = cib(fencing=False, resources="""
      <primitive id="fence-a" class="stonith" type="fence_scsi">
        <meta_attributes id="fence-a-meta"><nvpair id="fence-a-requires" name="requires" value="unfencing"/></meta_attributes>
      </primitive>""")
    findings = pcs307(xml)
    assert codes_lines(findings) == [("PCS307", line_of(xml, 'id="fence-a-requires"'))]
    assert codes_ids(findings) == [("PCS307", "fence-a-requires")]
    assert "fence device 'fence-a'" in findings[0].message
    # pcs 0.11 deprecates pcs resource meta for fence devices.
    assert findings[0].hint.startswith("pcs stonith meta fence-a requires=; ")


def test_requires_unfencing_reaching_devices_through_template_clone_and_defaults():
    xml = cib(fencing=False, resources="""
      <template id="fence-t" class="stonith" type="fence_scsi">
        <meta_attributes id="fence-t-meta"><nvpair id="fence-t-requires" name="requires" value="unfencing"/></meta_attributes>
      </template>
      <primitive id="fence-a" template="fence-t"/>
      <clone id="fence-clone">
        <meta_attributes id="fence-clone-meta"><nvpair id="fence-clone-requires" name="requires" value="unfencing"/></meta_attributes>
        <primitive id="fence-b" class="stonith" type="fence_mpath"/>
      </clone>""", extra="""    <rsc_defaults><meta_attributes id="rsc-defaults">
      <nvpair id="rsc-defaults-requires" name="requires" value="unfencing"/>
    </meta_attributes></rsc_defaults>
""")
    findings = pcs307(xml)
    assert codes_ids(findings) == [("PCS307", "fence-t-requires"), ("PCS307", "fence-clone-requires"), ("PCS307", "rsc-defaults-requires")]
    assert "fence device 'fence-a'" in findings[0].message
    assert "clone 'fence-clone' applies to fence device 'fence-b'" in findings[1].message
    assert "fence devices 'fence-a', 'fence-b'" in findings[2].message
    assert [f.hint.split(";")[0] for f in findings] == [
        "remove it from template 'fence-t', which pcs has no command for: "
        "cibadmin --delete --xml-text '<nvpair id=\"fence-t-requires\"/>'",
        "pcs resource meta fence-clone requires=",
        "pcs resource defaults update requires=",
    ]
    assert [f.fix.commands if f.fix else None for f in findings] == [
        None, ("pcs resource meta fence-clone requires=",), ("pcs resource defaults update requires=",)]


def test_requires_unfencing_on_an_ordinary_resource_with_fencing_enabled_is_silent():
    xml = cib(resources="""
      <primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem">
        <meta_attributes id="fs-meta"><nvpair id="fs-requires" name="requires" value="unfencing"/></meta_attributes>
      </primitive>""")
    assert pcs307(xml) == []


def test_a_template_nvpair_without_id_is_left_to_pcs_cluster_edit():
    # Only a schema-less CIB has an nvpair without id; cibadmin could not name it.
    xml = cib(fencing=False, validate_with="none", resources="""
      <template id="fence-t" class="stonith" type="fence_scsi">
        <meta_attributes id="fence-t-meta"><nvpair name="requires" value="unfencing"/></meta_attributes>
      </template>
      <primitive id="fence-a" template="fence-t"/>""")
    (finding,) = pcs307(xml)
    assert finding.hint.startswith("remove it from template 'fence-t', which pcs has no command for: pcs cluster edit;")
