"""Remote connections and guests as CIB snippets, for the rules' tests (ids: RID-server,
RID-port, VM-rn, VM-addr, VM-port)."""


def remote(rid: str, server: str | None = None, port: str | None = None) -> str:
    pairs = ""
    if server is not None:
        pairs += f'\n          <nvpair id="{rid}-server" name="server" value="{server}"/>'
    if port is not None:
        pairs += f'\n          <nvpair id="{rid}-port" name="port" value="{port}"/>'
    return f"""
      <primitive id="{rid}" class="ocf" provider="pacemaker" type="remote">
        <instance_attributes id="{rid}-ia">{pairs}
        </instance_attributes>
      </primitive>"""


def guest(vm: str, name: str, addr: str | None = None, port: str | None = None) -> str:
    pairs = f'\n          <nvpair id="{vm}-addr" name="remote-addr" value="{addr}"/>' if addr else ""
    pairs += f'\n          <nvpair id="{vm}-port" name="remote-port" value="{port}"/>' if port else ""
    return f"""
      <primitive id="{vm}" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="{vm}-meta">
          <nvpair id="{vm}-rn" name="remote-node" value="{name}"/>{pairs}
        </meta_attributes>
      </primitive>"""
