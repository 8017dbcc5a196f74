"""PCS903 schema-invalid: the CIB does not validate against Pacemaker's RELAX NG schema.

Of libxml2's cascade of errors (reduced by ``rules/_rng_errors.py``) this rule reports the most
specific per element, names the attribute at fault where libxml2 does not (from the grammar's own
attribute lists), and leaves duplicate ids and dangling IDREFs to PCS201 and PCS206.
"""

from __future__ import annotations

import math
import re
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._rng_errors import GENERIC, LocatedError, reduce_cascade
from pcs_lint.rules._rng_schemas import (
    CompiledSchema,
    RawError,
    SchemaDirectory,
    SchemaLoadError,
    compiled_schema,
    locate_schema_dir,
)
from pcs_lint.rules._suggest import suggest_name
from pcs_lint.values import SCHEMA_NEXT, SCHEMA_NONE, schema_version

INSTALL_HINT = (
    "install Pacemaker's schemas (Debian/Ubuntu: apt-get install pacemaker-common; "
    "RHEL/Fedora/SUSE: dnf or zypper install pacemaker-schemas), or point pcs-lint at a copy "
    "with --schema-dir DIR (or schema-dir in the config, or $PCMK_schema_directory)"
)
RAW_HINT = "crm_verify --xml-file FILE -V shows libxml2's own report"
_LEFT_TO_OTHER_RULES = {"RELAXNG_ERR_DUPID"}  # PCS201 duplicate-id
# libxml2's RELAX NG validation takes time growing with the square of the number of children of
# one element (libxml2 2.14 here: 10,000 <node> siblings 0.1-0.2 s, 20,000 0.6-0.9 s, 40,000
# 4-5 s; a CIB without validate-with is validated against every installed schema). Above this
# many, validation is skipped and said so: no real cluster has a tenth of it, a hostile file can.
MAX_VALIDATED_CHILDREN = 20_000


def validation_limit(schemas: int) -> int:
    """The most children of one element validated against ``schemas`` schemas: the work of one
    validation at MAX_VALIDATED_CHILDREN, shared out (the cost is quadratic in the children)."""
    return math.floor(MAX_VALIDATED_CHILDREN / math.sqrt(max(schemas, 1)))


def raw_hint(path: str) -> str:
    """RAW_HINT for the file linted (standard input: crm_verify reads it with --xml-pipe)."""
    if not path or path == "-" or path.startswith("<"):
        return "crm_verify --xml-pipe -V < FILE shows libxml2's own report"
    return f"crm_verify --xml-file {shlex.quote(path)} -V shows libxml2's own report"



def check(ctx: Context) -> Iterator[Problem]:
    for problem in _check(ctx):
        yield replace(problem, hint=raw_hint(ctx.path)) if problem.hint == RAW_HINT else problem


def _check(ctx: Context) -> Iterator[Problem]:
    root = ctx.cib.root
    declared = ctx.cib.validate_with
    if declared == SCHEMA_NONE:
        return  # PCS901 says validation is off
    directory = locate_schema_dir(ctx.settings.schema_dir)
    if not directory.versions:
        yield _no_schemas(root, directory)
        return
    if declared is None or directory.knows(declared):  # what will be validated
        most = max(map(len, root.iter()))  # no key function: a third less time than max(key=len)
        schemas = len(directory.versions) if declared is None else 1  # no validate-with: each is tried
        if most > validation_limit(schemas):
            yield _too_wide(next(e for e in root.iter() if len(e) == most), schemas)  # the first that wide
            return
    try:
        if declared is None:
            yield from _check_undeclared(root, directory)
        elif not directory.knows(declared):
            if schema_version(declared) is not None or declared == SCHEMA_NEXT:
                yield _unknown_version(root, declared, directory)
            # any other name is not a schema name at all: PCS902 says so
        else:
            schema = compiled_schema(directory.path, declared)
            yield from explain(root, schema.validate(root), schema)
    except SchemaLoadError as error:
        yield Problem(
            f"the CIB was not validated: Pacemaker's schema in {directory.path} cannot be used "
            f"({error})",
            element=root,
            severity=Severity.INFO,
            hint=f"reinstall the schemas, or choose another directory with --schema-dir; {INSTALL_HINT}",
        )


def _no_schemas(root: Any, directory: SchemaDirectory) -> Problem:
    where = (f"the schema directory {directory.path} (from --schema-dir, the config or "
             "$PCMK_schema_directory) has no pacemaker-*.rng files" if directory.configured
             else f"Pacemaker's RELAX NG schemas are not installed ({directory.path} has none)")
    return Problem(
        f"the CIB was not validated against Pacemaker's schema: {where}; the other rules still "
        "ran, but errors only Pacemaker's schema catches may remain",
        element=root,
        severity=Severity.INFO,
        hint=INSTALL_HINT,
    )


def _too_wide(widest: Any, schemas: int) -> Problem:
    tried = (f" (the CIB declares no validate-with, so each of the {schemas} installed schemas would be "
             "tried)" if schemas > 1 else "")
    return Problem(
        f"the CIB was not validated against Pacemaker's schema: <{widest.tag}> has {len(widest):,} "
        f"children, more than the {validation_limit(schemas):,} pcs-lint validates{tried}, because libxml2's "
        "RELAX NG validation (Pacemaker's too) takes time growing with the square of that number; "
        "the other rules still ran, but errors only the schema catches may remain",
        element=widest,
        severity=Severity.WARNING,
        hint="validate it with crm_verify --xml-file FILE (it may take minutes), and check why one "
        "element has so many children",
    )


def _unknown_version(root: Any, declared: str, directory: SchemaDirectory) -> Problem:
    return Problem(
        f"the CIB was not validated: it declares validate-with=\"{declared}\", and "
        f"{directory.path} has no schema of that name (available: {directory.versions[0]} to "
        f"{directory.newest}); the CIB may come from a newer Pacemaker than the installed "
        "schemas, or name a schema that does not exist",
        element=root,
        severity=Severity.INFO,
        hint="lint with the schemas of the Pacemaker that runs the cluster (--schema-dir DIR, "
        "e.g. a copy of its /usr/share/pacemaker), or update pacemaker-common/pacemaker-schemas",
    )


def _check_undeclared(root: Any, directory: SchemaDirectory) -> Iterator[Problem]:
    """No validate-with: Pacemaker 2.1 picks the newest schema the CIB validates against (and
    turns validation off when none does); Pacemaker 3 refuses the CIB (PCS902 says so). We
    accept the CIB when any installed schema validates it, else report against the newest."""
    newest_errors: tuple[RawError, ...] = ()
    newest: CompiledSchema | None = None
    for version in reversed(directory.versions):
        schema = compiled_schema(directory.path, version)
        if newest is None:  # only the newest schema's errors are reported: the others say yes or no
            newest_errors = schema.validate(root)
            if not newest_errors:
                return
            newest = schema
        elif schema.accepts(root):
            return
    yield from explain(root, newest_errors, newest, undeclared=True)


# ---------------------------------------------------------------- from libxml2 to sentences


def explain(root: Any, errors: Sequence[RawError], schema: CompiledSchema, *,
            undeclared: bool = False) -> Iterator[Problem]:
    """Problems for one validation run: the most specific error per element, cascade dropped."""
    version = schema.version + (" (the newest installed; the CIB declares no validate-with)"
                                if undeclared else "")
    for subject, group in reduce_cascade(root, errors):
        yield from _group_problems(subject, group, schema, version)


def _group_problems(subject: Any, group: list[LocatedError], schema: CompiledSchema,
                    version: str) -> Iterator[Problem]:
    left_to_others = any(i.error.kind in _LEFT_TO_OTHER_RULES for i in group)
    group = [i for i in group if i.error.kind not in _LEFT_TO_OTHER_RULES]
    specific = [i for i in group if i.error.kind not in GENERIC]
    # "X has extra content: Y" after another error about X is libxml2 giving up on X's children
    # (Y is often an innocent sibling): only the first complaint about X is the cause.
    specific = [i for i in specific
                if i.error.kind != "RELAXNG_ERR_EXTRACONTENT" or i is group[0]]
    if specific:
        seen: list[Any] = []  # one finding per element pointed at: the first is the clearest
        for item in specific:
            problem = _specific(item, schema, version)
            if not any(problem.element is element for element in seen):
                seen.append(problem.element)
                yield problem
        return
    if left_to_others or not group:
        return  # only the consequences of a duplicate id: PCS201 reports it
    diagnosed = list(_attribute_diagnosis(subject, schema, version))
    if diagnosed:
        yield from diagnosed
        return
    kinds = {i.error.kind: i for i in group}
    missing = _missing_required(subject, schema)
    if "RELAXNG_ERR_ATTRVALID" in kinds and missing:
        names = ", ".join(missing)
        yield _problem(
            f"{describe(subject)} lacks the attribute{'s' if len(missing) > 1 else ''} {names}, which "
            f"Pacemaker's {version} schema requires, so Pacemaker refuses the configuration",
            subject,
            _required_hint(subject, missing),
        )
    elif "RELAXNG_ERR_ATTRVALID" in kinds:
        known = ", ".join(sorted(schema.elements[subject.tag].attributes)) if subject.tag in schema.elements else ""
        yield _problem(
            f"{describe(subject)} has an attribute Pacemaker's {version} schema does not accept "
            "here, or lacks one it requires, so Pacemaker refuses the configuration"
            + (f" (attributes <{subject.tag}> can have: {known})" if known else ""),
            subject,
        )
    elif "RELAXNG_ERR_NOELEM" in kinds:
        wanted = _expected_name(kinds["RELAXNG_ERR_NOELEM"].error.message)
        what = f"a <{wanted}> element" if wanted else "another element"
        yield _problem(
            f"{describe(subject)} does not match Pacemaker's {version} schema: {what} was "
            "expected inside it (or one of its attributes is not accepted, which libxml2 "
            "reports this way), so Pacemaker refuses the configuration",
            subject,
        )
    else:
        yield _problem(
            f"{describe(subject)} does not match Pacemaker's {version} schema: its attributes "
            "or children are not a combination the schema allows (a required attribute may be "
            "missing), so Pacemaker refuses the configuration",
            subject,
        )


def _specific(item: LocatedError, schema: CompiledSchema, version: str) -> Problem:
    error, subject, node = item.error, item.subject, item.node
    message = error.message
    if error.kind == "RELAXNG_ERR_INVALIDATTR":
        name = message.split()[2] if len(message.split()) > 2 else ""
        return _attribute_problem(subject, name, schema, version)
    if error.kind == "RELAXNG_ERR_TYPEVAL":
        match = re.match(r"^Type (\S+) doesn't allow value '(.*)'$", message, re.S)
        if match:
            return _type_problem(subject, match[1], match[2], version)
    if error.kind == "RELAXNG_ERR_EXTRACONTENT":
        extra = message.rsplit(": ", 1)[-1]
        if extra == "text":
            return _problem(
                f"{describe(subject)} contains text, which Pacemaker's {version} schema does not "
                "allow there, so Pacemaker refuses the configuration", subject)
        child = node if node is not subject and node.tag == extra else None
        return _problem(
            f"<{extra}> is not allowed at this place inside {describe(subject)} by Pacemaker's "
            f"{version} schema (an element the schema does not know, or one out of place), so "
            "Pacemaker refuses the configuration", child if child is not None else subject)
    if error.kind in ("RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_ELEMNAME"):
        parent = node.getparent()
        where = f" inside {describe(parent)}" if parent is not None else ""
        expected = re.match(r"^Expecting element (\S+), got", message)
        tail = f"; the schema expects <{expected[1]}> there" if expected else ""
        return _problem(
            f"{describe(node)} is not allowed here{where} by Pacemaker's {version} schema{tail}, "
            "so Pacemaker refuses the configuration", node)
    return _problem(
        f"{describe(subject)} does not match Pacemaker's {version} schema (libxml2: "
        f"{message.rstrip('.')}), so Pacemaker refuses the configuration", subject)


def _attribute_problem(element: Any, name: str, schema: CompiledSchema, version: str) -> Problem:
    facts = schema.elements.get(element.tag)
    value = element.get(name)
    if facts is not None and not facts.any_attribute and name not in facts.attributes:
        close = suggest_name(name, frozenset(facts.attributes))
        hint = f"did you mean {close!r}?" if close else (
            f"<{element.tag}> can have: {', '.join(sorted(facts.attributes))}")
        return _problem(
            f"{describe(element)} has attribute {name!r}, which Pacemaker's {version} schema does "
            f"not define for <{element.tag}>, so Pacemaker refuses the configuration", element, hint)
    listed = facts.attributes[name].values if facts is not None and name in facts.attributes else None
    if listed is not None and value is not None and value not in listed:
        return _value_problem(element, name, value, listed, version)
    return _problem(
        f"{describe(element)} has {name}={value!r}, which Pacemaker's {version} schema does not "
        f"accept on <{element.tag}> in this combination of attributes, so Pacemaker refuses the "
        "configuration", element)


def _value_problem(element: Any, name: str, value: str, listed: frozenset[str], version: str) -> Problem:
    close = suggest_name(value, listed)
    return _problem(
        f"{describe(element)} has {name}={value!r}, which is not one of the values Pacemaker's "
        f"{version} schema allows ({', '.join(sorted(listed))}), so Pacemaker refuses the "
        "configuration", element, f"did you mean {name}={close!r}?" if close else None)


def _type_problem(element: Any, type_name: str, value: str, version: str) -> Problem:
    names = [n for n, v in element.attrib.items() if v == value]
    what = f"{names[0]}={value!r}" if names else f"the text {value!r}"
    if type_name == "ID":
        reason = ("it is not a valid id (an id is an XML name: it starts with a letter or an "
                  "underscore and has no spaces)")
    elif type_name in ("IDREF", "IDREFS"):
        reason = "it is not a valid reference to an id (an XML name)"
    else:
        reason = f"it is not a valid {type_name}"
    return _problem(
        f"{describe(element)} has {what}, which Pacemaker's {version} schema rejects: {reason}; "
        "Pacemaker refuses the configuration", element)


def _attribute_diagnosis(element: Any, schema: CompiledSchema, version: str) -> Iterator[Problem]:
    """Name the attribute at fault when libxml2 only says the element failed (it does so for
    elements whose definition is a choice or an interleave)."""
    if _in_status(element):
        return
    facts = schema.elements.get(element.tag)
    if facts is None or facts.any_attribute:
        return
    for name, value in element.attrib.items():
        if name not in facts.attributes:
            yield _attribute_problem(element, name, schema, version)
            continue
        listed = facts.attributes[name].values
        if listed is not None and value not in listed:
            yield _value_problem(element, name, value, listed, version)


def _required_hint(element: Any, missing: list[str]) -> str | None:
    if element.tag != "cib":
        return None
    # The three counters Pacemaker requires on <cib>: 0 is where a new CIB starts.
    words = " ".join(f'{name}="0"' for name in missing)
    return f"add {words} to <cib> (cibadmin --empty shows a complete one)"


def _missing_required(element: Any, schema: CompiledSchema) -> list[str]:
    facts = schema.elements.get(element.tag)
    if facts is None:
        return []
    return sorted(name for name, attribute in facts.attributes.items()
                  if attribute.required and element.get(name) is None)


def _in_status(element: Any) -> bool:
    return any(a.tag == "status" and a.getparent() is not None and a.getparent().getparent() is None
               for a in element.iterancestors())


def _expected_name(message: str) -> str:
    match = re.match(r"^Expecting an element (\S*), got", message)
    return match[1] if match else ""


def _problem(message: str, element: Any, hint: str | None = None) -> Problem:
    return Problem(message, element=element, hint=hint or RAW_HINT)


def describe(element: Any) -> str:
    """<tag id="x">, or <tag> with its nearest ancestor that has an id."""
    element_id = element.get("id")
    if element_id is not None:
        return f'<{element.tag} id="{element_id}">'
    for ancestor in element.iterancestors():
        if ancestor.get("id") is not None and ancestor.tag != "cib":
            return f'<{element.tag}> in <{ancestor.tag} id="{ancestor.get("id")}">'
    return f"<{element.tag}>"


RULE = Rule(
    code="PCS903",
    name="schema-invalid",
    severity=Severity.ERROR,
    summary="the document does not validate against Pacemaker's own RELAX NG schema for its "
    "validate-with version",
    check=check,
    doc=rule_doc(__name__),
)
