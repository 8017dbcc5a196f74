from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def bundled(meta: str) -> str:
    return f"""
      <bundle id="web">
        <podman image="localhost/httpd" replicas="2"/>
        <network control-port="3121"/>
        <primitive id="httpd" class="ocf" provider="heartbeat" type="apache">
          <meta_attributes id="httpd-meta">{meta}</meta_attributes>
        </primitive>
      </bundle>"""


def test_remote_node_on_the_bundled_primitive():
    xml = cib(resources=bundled('<nvpair id="httpd-rn" name="remote-node" value="httpd-guest"/>'))
    findings = lint_text(xml, select=["PCS136"])
    assert codes_lines(findings) == [("PCS136", line_of(xml, 'id="httpd-rn"'))]
    assert codes_ids(findings) == [("PCS136", "httpd")]
    assert "(web-0, web-1)" in findings[0].message and "'web'" in findings[0].message
    # pcs 0.11 refuses to drop remote-node without --force (it points at remove-guest).
    assert findings[0].hint == ("pcs resource meta httpd remote-node= --force (and use the bundle's "
                                "node names in constraints and rules)")


def test_any_letter_case_is_reported_with_its_own_spelling():
    xml = cib(resources=bundled('<nvpair id="httpd-rn" name="Remote-Node" value="g"/>'))
    findings = lint_text(xml, select=["bundle-remote-node-ignored"])
    assert codes_lines(findings) == [("PCS136", line_of(xml, 'id="httpd-rn"'))]
    assert "Remote-Node='g'" in findings[0].message
    # pcs does not know this spelling as a guest setting, so it needs no --force.
    assert findings[0].hint.startswith("pcs resource meta httpd Remote-Node= (and use")


def test_guests_outside_bundles_and_other_meta_are_not_its_business():
    xml = cib(resources=bundled('<nvpair id="httpd-tr" name="target-role" value="Started"/>') + """
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
      <clone id="c"><primitive id="vm2" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm2-meta"><nvpair id="vm2-rn" name="remote-node" value="guest2"/></meta_attributes>
      </primitive></clone>""")
    assert lint_text(xml, select=["PCS136"]) == []


def test_a_bundle_of_int_max_replicas_names_its_first_replicas_only():
    xml = cib(resources=bundled('<nvpair id="httpd-rn" name="remote-node" value="httpd-guest"/>')
              .replace('replicas="2"', 'replicas="9999999999"'))
    [finding] = lint_text(xml, select=["PCS136"])
    assert f"(web-0, web-1, web-2, web-3, web-4, web-5, web-6, web-7, web-8, web-9, web-10, web-11, web-12, " \
           f"web-13, web-14, web-15, web-16, web-17, web-18, web-19, and {2**31 - 1 - 20} more)" in finding.message
