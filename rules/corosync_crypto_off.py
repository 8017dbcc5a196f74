"""PCS509 corosync-crypto-off: knet traffic without encryption or authentication."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import at, first_line, pcs_fix, transport, where


def check(ctx: Context) -> Iterator[Problem]:
    for conf in ctx.corosync:
        if transport(conf) != "knet" or not conf.has_section("totem"):
            continue
        # corosync 3.1: unset means none; secauth: on stands for aes256 and sha256 unless they are set.
        secauth = conf.value("totem.secauth") == "on"
        cipher = conf.value("totem.crypto_cipher") or ("aes256" if secauth else "none")
        digest = conf.value("totem.crypto_hash") or ("sha256" if secauth else "none")
        if cipher != "none" and digest != "none":
            continue
        lost = ("neither encrypted nor authenticated" if digest == "none"
                else "authenticated but not encrypted")
        line = first_line(conf, "totem.crypto_cipher", "totem.crypto_hash", "totem")
        yield Problem(
            f"{where(conf)} line {line}: knet with crypto_cipher {cipher} and crypto_hash {digest}: cluster "
            f"traffic is {lost}, so anyone on the network can read it"
            f"{'' if digest != 'none' else ' or inject into it'}",
            object_id="totem.crypto_cipher", location=at(conf, line),
            **pcs_fix("pcs cluster config update crypto cipher=aes256 hash=sha256",
                          then="on a running cluster, then pcs cluster reload corosync"),
        )


RULE = Rule(
    code="PCS509",
    name="corosync-crypto-off",
    severity=Severity.INFO,
    summary="knet with crypto_cipher or crypto_hash none or unset: cluster traffic not encrypted or not authenticated",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
