"""The typed option sets (schemas/options): rules/_option_schemas.py and lint/value_formats.py."""

from __future__ import annotations

import subprocess
import sys
import threading

import jsonschema
import pytest

from pcs_lint import value_formats
from pcs_lint.rules import _option_schemas as options
from pcs_lint.rules._option_schemas import BAD_VALUE, DEPRECATED, UNKNOWN_NAME
from pcs_lint.value_formats import FORMATS, SCHEMA_NAMES

# (format, value, valid) — what Pacemaker 2.1 accepts, including its lenient spellings.
FORMAT_CASES = [
    ("pcmk-boolean", "true", True), ("pcmk-boolean", "Yes", True), ("pcmk-boolean", "ON", True),
    ("pcmk-boolean", "n", True), ("pcmk-boolean", "0", True), ("pcmk-boolean", "flase", False),
    ("pcmk-boolean", " true", False), ("pcmk-boolean", "", False),
    ("pcmk-score", "100", True), ("pcmk-score", "-5", True), ("pcmk-score", "INFINITY", True),
    ("pcmk-score", "+INFINITY", True), ("pcmk-score", "-INFINITY", True), ("pcmk-score", "Yellow", True),
    ("pcmk-score", "2.0", True), ("pcmk-score", "infinity", False), ("pcmk-score", "-Infinity", False),
    ("pcmk-score", "1.5", False), ("pcmk-score", "high", False), ("pcmk-score", "", False),
    ("pcmk-integer", "-1", True), ("pcmk-integer", "INFINITY", True), ("pcmk-integer", "ten", False),
    ("pcmk-integer", "10x", False),
    ("pcmk-positive-integer", "3", True), ("pcmk-positive-integer", "INFINITY", True),
    ("pcmk-positive-integer", "0", False), ("pcmk-positive-integer", "-2", False),
    ("pcmk-nonnegative-integer", "0", True), ("pcmk-nonnegative-integer", "12", True),
    ("pcmk-nonnegative-integer", "-1", False), ("pcmk-nonnegative-integer", "two", False),
    ("pcmk-duration", "10s", True), ("pcmk-duration", "PT5M", True), ("pcmk-duration", "90", True),
    ("pcmk-duration", "1d", False), ("pcmk-duration", "-5s", False), ("pcmk-duration", "pt5m", False),
    ("pcmk-timeout", "20s", True), ("pcmk-timeout", "2 min", True), ("pcmk-timeout", "PT20S", False),
    ("pcmk-watchdog-timeout", "-1", True), ("pcmk-watchdog-timeout", "10s", True),
    ("pcmk-watchdog-timeout", "soon", False),
    ("pcmk-port", "3121", True), ("pcmk-port", "65535", True), ("pcmk-port", "0", False),
    ("pcmk-port", "65536", False), ("pcmk-port", "3121abc", False),
    ("pcmk-percentage", "80%", True), ("pcmk-percentage", "80", True), ("pcmk-percentage", "lots", False),
    ("pcmk-iso8601", "2024-01-01", True), ("pcmk-iso8601", "2024-01-01T02:00:00Z", True),
    ("pcmk-iso8601", "2024-001 02:00", True), ("pcmk-iso8601", "tomorrow", False),
    ("pcmk-file-mode", "0660", True), ("pcmk-file-mode", "640", True), ("pcmk-file-mode", "rw-rw----", False),
    ("pcmk-subsystems", "yes", True), ("pcmk-subsystems", "pacemakerd,pacemaker-execd", True),
    ("pcmk-subsystems", "pacemakerd,webserver", False),
    ("pcmk-node-name", "guest1", True), ("pcmk-node-name", " ", False),
    # sbd's values (read as sbd 1.5.2 reads them; see lint/sbd.py)
    ("sbd-boolean", "yes", True), ("sbd-boolean", "enabled", False),
    ("sbd-timeout", "10", True), ("sbd-timeout", "1min", True), ("sbd-timeout", "500ms", False),
    ("sbd-timeout", "5 hunter2", False),
    ("sbd-delay-start", "1", True), ("sbd-delay-start", "30s", True), ("sbd-delay-start", "later", False),
    ("sbd-timeout-action", "noflush,off", True), ("sbd-timeout-action", "flush reboot", False),
    ("sbd-cgroup", "auto", True), ("sbd-cgroup", "maybe", False),
    ("sbd-start-mode", "clean", True), ("sbd-start-mode", "Clean", False),
    ("sbd-device-list", "/dev/a;/dev/b", True), ("sbd-device-list", "dev/a", False),
]


@pytest.mark.parametrize(("format_name", "value", "valid"), FORMAT_CASES)
def test_format_checker(format_name, value, valid):
    checker = FORMATS[format_name]
    if valid:
        assert checker(value) is True
    else:
        with pytest.raises(ValueError):
            checker(value)


def test_every_format_has_cases():
    assert {case[0] for case in FORMAT_CASES} == set(FORMATS)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_a_valid_2020_12_schema(name):
    schema = value_formats.load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_formats_and_replacements_exist(name):
    schema = value_formats.load_schema(name)
    for option, spec in schema["properties"].items():
        assert spec.get("format") in (None, *FORMATS), f"{name}: {option} has an unknown format"
        replaced = spec.get("x-pcmk-replaced-by")
        if replaced and " " not in replaced:
            assert replaced in schema["properties"], f"{name}: {option} is replaced by unknown {replaced}"
        assert spec.get("description"), f"{name}: {option} has no description"
    for legacy, entry in schema.get("x-pcmk-legacy", {}).items():
        assert legacy not in schema["properties"]
        assert entry.get("replaced-by") or entry.get("dropped")


def test_schema_defaults_are_valid_values():
    # Every plain default must pass its own option's syntax (catches a wrong type in a schema).
    for name in SCHEMA_NAMES:
        schema = value_formats.load_schema(name)
        defaults = {k: (v["default"], None) for k, v in schema["properties"].items()
                    if "default" in v and " " not in v["default"]}
        assert [i for i in options.validate(name, defaults) if i.kind == BAD_VALUE] == [], name


def test_unknown_schema_name_is_refused():
    with pytest.raises(KeyError):
        value_formats.load_schema("nonsense")


def test_validate_reports_each_kind_in_order():
    issues = options.validate("cluster-options", {
        "no-quorum-polcy": ("stop", "e1"),
        "stonith-enabled": ("maybe", "e2"),
        "crmd-transition-delay": ("5s", "e3"),
        "symmetric-cluster": ("true", "e4"),
        "batch-limit": (None, "e5"),
    })
    assert [(i.name, i.kind, i.element, i.suggestion) for i in issues] == [
        ("no-quorum-polcy", UNKNOWN_NAME, "e1", "no-quorum-policy"),
        ("stonith-enabled", BAD_VALUE, "e2", None),
        ("crmd-transition-delay", DEPRECATED, "e3", "transition-delay"),
    ]


def test_enum_is_case_insensitive_and_reports_the_allowed_values():
    assert options.validate("cluster-options", {"placement-strategy": ("Balanced", None)}) == ()
    (issue,) = options.validate("cluster-options", {"placement-strategy": ("utilisation", None)})
    assert issue.message == "not one of default, utilization, minimal, balanced"


def test_pattern_properties_make_names_known():
    assert options.validate("cluster-options", {"galera_REPL_INFO": ("x", None)}) == ()
    assert options.validate("pcmk-environment", {"LANG": ("C", None), "PCMK_remote_port": ("3121", None)}) == ()


def test_environment_remote_and_guest_schemas():
    env = options.validate("pcmk-environment", {
        "PCMK_remote_prot": ("3121", None), "PCMK_remote_port": ("70000", None),
        "PCMK_logfacility": ("LOCAL7", None), "PCMK_debug": ("pacemaker-fenced", None),
    })
    assert [(i.name, i.kind, i.suggestion) for i in env] == [
        ("PCMK_remote_prot", UNKNOWN_NAME, "PCMK_remote_port"), ("PCMK_remote_port", BAD_VALUE, None)]
    remote = options.validate("remote-params", {"server": ("10.0.0.5", None), "reconnect_interval": ("1d", None)})
    assert [(i.name, i.kind) for i in remote] == [("reconnect_interval", BAD_VALUE)]
    guest = options.validate("guest-meta", {"remote-connect-timeout": ("PT1M", None), "remote-allow-migrate": ("yes", None)})
    assert [(i.name, i.kind) for i in guest] == [("remote-connect-timeout", BAD_VALUE)]


def test_validator_is_compiled_once_across_threads():
    options._CACHE.pop("operation", None)
    results = []
    threads = [threading.Thread(target=lambda: results.append(options.option_set("operation"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(r) for r in results}) == 1
    assert options.option_set("operation") is results[0]


def test_jsonschema_is_imported_lazily():
    code = ("import sys, pcs_lint.rules._option_schemas, pcs_lint.rules.meta_value, pcs_lint.rules.unknown_cluster_option; "
            "loaded = 'jsonschema' in sys.modules; "
            "operation = pcs_lint.rules._option_schemas.option_set('operation'); "
            "looked_up = 'jsonschema' in sys.modules; "
            "operation.validator; "
            "print(loaded, looked_up, 'jsonschema' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False", "True"]
