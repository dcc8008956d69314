"""Reading a YAML file that people type by hand, refusing what YAML would silently change.

YAML 1.1 (what PyYAML and libyaml implement) reads ``3.500`` as 3.5, ``0100`` as 64, ``1:30`` as 90,
``no`` as False and ``.inf`` as infinity. A Vietnamese plan writes "3.500 tỷ đồng" for three thousand
five hundred, so such texts are refused with the fix, never turned into a number. The file is read
in two passes over libyaml's event stream (the C parser when it is installed):

1. a scan that refuses, before anything is built: nesting deeper than ``MAX_DEPTH``, aliases
   (``*name``: an alias bomb expands a 1 KB file into gigabytes), a key given twice in one mapping,
   and every number-like plain scalar whose text is ambiguous; every such problem is collected;
2. construction with a loader whose resolvers know only null, ``true``/``false``, strings and
   numbers written plainly (``-12``, ``63.1``, ``1.5e3``), each number read from its own text.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import KpiError
from .files import display, read_text

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists allowed (a plan needs four)."""

MAX_BYTES = 50 * 1024 * 1024
"""Largest YAML file read (50 MB; a 10,000-target plan is about 2 MB)."""

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NUMBER_TAG = "tag:kpi,2024:number"

# A plain scalar that starts like a number: YAML 1.1 ints and floats (with '_', ':', 0x, 0b, .inf,
# .nan) and the look-alikes a person types (3.500, 1.234.567, 3,5).
_NUMBERISH = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_.:,]*(?:[eE][-+]?[0-9]+)?
                               |\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?
                               |0[xX][0-9a-fA-F_]+|0[bB][01_]+
                               |\.(?:inf|Inf|INF))
                             |\.(?:nan|NaN|NAN))$""", re.X)
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)")
THOUSANDS_DOT = re.compile(r"-?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
"""A number with Vietnamese thousands dots: 3.500, 20.000, 1.234.567 (0.500 is a plain decimal)."""
_THOUSANDS_COMMA = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:,[0-9]{3})+")
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")


def _plain_decimal(text: str) -> str:
    """'3.500' -> '3.5', '20.000' -> '20': the text read as one decimal number."""
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def thousands_fix(text: str) -> str:
    """The fix for a number written with thousands dots (or commas)."""
    digits = text.replace(".", "").replace(",", "")
    if text.count(".") + text.count(",") == 1:
        decimal = _plain_decimal(text.replace(",", "."))
        if THOUSANDS_DOT.fullmatch(decimal):  # '554.199' stays ambiguous: a fourth decimal digit settles it
            decimal += "0"
        return f"write {digits} (no thousands separator), or {decimal} if you meant a decimal"
    return f"write {digits} (no thousands separator)"


def number_problem(text: str) -> str | None:
    """Why a number-like text cannot be read as a number without guessing; ``None`` if it can."""
    if _INT.fullmatch(text):
        return None
    if THOUSANDS_DOT.fullmatch(text) or _THOUSANDS_COMMA.fullmatch(text):
        return f"'{text}' is ambiguous: {thousands_fix(text)}"
    if _FLOAT.fullmatch(text):
        if float(text) in (float("inf"), float("-inf")):
            return f"'{text}' is too large a number; write a finite number"
        return None
    if text.lstrip("+-").lower() in (".inf", ".nan"):
        return f"'{text}' is not a finite number; write a number (or quote the text)"
    if ":" in text:
        return (f"'{text}' would be read by YAML as a base-60 number; write the number itself, "
                "or quote the text")
    if re.fullmatch(r"[-+]?0[0-9_]+", text):
        return (f"'{text}' has a leading zero, which YAML reads as an octal number; "
                f"write {int(text.replace('_', '')):d} (or quote it if it is a text)")
    if text.lstrip("+-")[:2].lower() in ("0x", "0b"):
        return f"'{text}' is a hexadecimal or binary number; write it in decimal digits"
    if "_" in text:
        return f"'{text}' holds '_'; write {text.replace('_', '')} without it"
    if _DECIMAL_COMMA.fullmatch(text):
        return f"'{text}' has a decimal comma; write {text.replace(',', '.')} (a decimal point)"
    return f"'{text}' is not a number; write a plain number such as 3500 or 63.1, or quote the text"


def _construct_number(loader, node):
    text = node.value
    if number_problem(text) is not None:  # an explicit !!int / !!float the scan did not see
        raise yaml.constructor.ConstructorError(None, None, number_problem(text), node.start_mark)
    return int(text) if _INT.fullmatch(text) else float(text)


def _construct_bool(loader, node):
    text = node.value
    if text.lower() not in ("true", "false"):
        raise yaml.constructor.ConstructorError(None, None, f"'{text}' is not true or false", node.start_mark)
    return text.lower() == "true"


class PlanLoader(_Base):
    """A safe loader that knows null, true/false, plainly written numbers and strings, nothing else."""

    yaml_implicit_resolvers: dict = {}
    yaml_constructors = dict(_Base.yaml_constructors)


PlanLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                                 ["~", "n", "N", ""])
PlanLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
PlanLoader.add_implicit_resolver(NUMBER_TAG, _NUMBERISH, list("-+0123456789."))
for _tag in (NUMBER_TAG, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
    PlanLoader.add_constructor(_tag, _construct_number)
PlanLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


def _scan(text: str, name: str) -> list[str]:
    """Pass 1 over the events: depth (raised at once), aliases, duplicate keys, ambiguous numbers."""
    problems: list[str] = []
    # One frame per open collection: [is_mapping, expecting_key, current_key, {key: line}].
    stack: list[list] = []
    aliases: list[tuple[int, str]] = []
    loader = _Base(text)
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            line = event.start_mark.line + 1 if event.start_mark else 0
            top = stack[-1] if stack else None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise KpiError(f"{name}, line {line}: the nesting is deeper than {MAX_DEPTH} levels; "
                                   "a plan needs four at most: check the indentation and the brackets.")
                stack.append([isinstance(event, yaml.MappingStartEvent), True, None, {}])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                if stack and stack[-1][0]:
                    stack[-1][1] = True
            elif isinstance(event, yaml.AliasEvent):
                aliases.append((line, event.anchor))
                if top is not None and top[0]:
                    top[1] = not top[1]
            elif isinstance(event, yaml.ScalarEvent):
                key = next((f[2] for f in reversed(stack) if f[0] and f[2] is not None), None)
                if top is not None and top[0] and top[1]:
                    key = event.value
                    if key in top[3]:
                        problems.append(f"{name}, line {line}: the key '{key}' is given twice in the same mapping "
                                        f"(first at line {top[3][key]}); keep one.")
                    else:
                        top[3][key] = line
                    top[2] = key
                if event.tag is None and event.implicit[0] and not event.style and _NUMBERISH.match(event.value):
                    why = number_problem(event.value)
                    if why is not None:
                        where = f" ({key})" if key is not None and key != event.value else ""
                        problems.append(f"{name}, line {line}{where}: {why}.")
                if top is not None and top[0]:
                    top[1] = not top[1]
    finally:
        loader.dispose()
    if aliases:
        line, anchor = aliases[0]
        more = f" (and {len(aliases) - 1} more)" if len(aliases) > 1 else ""
        problems.insert(0, f"{name}, line {line}: the alias '*{anchor}'{more} repeats another part of the file; plan "
                           "files may not use anchors and aliases (&name, *name): write each value out.")
    return problems


def load_yaml(path: Path, kind: type[KpiError]):
    """The document in a hand-typed YAML file; ``kind`` lists every problem found, or the first syntax error.

    Refused: a file over ``MAX_BYTES``, nesting over ``MAX_DEPTH``, aliases, duplicate keys, ambiguous
    numbers (``3.500``, ``0100``, ``1:30``, ``.inf``), any tag beyond YAML's safe ones.
    """
    name = display(path)
    text = read_text(path, kind, MAX_BYTES)
    try:
        problems = _scan(text, name)
        if problems:
            raise kind(problems)
        return yaml.load(text, Loader=PlanLoader)
    except KpiError as e:
        raise kind(e.problems) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        if "nesting depth" in str(getattr(e, "problem", "")):
            raise kind(f"{name}{line.replace(' at', ',')}: the nesting is deeper than {MAX_DEPTH} levels; "
                       "a plan needs four at most: check the indentation and the brackets.") from None
        raise kind(f"{name}: not valid YAML{line} ({getattr(e, 'problem', e)}); fix the syntax there.") from None
    except RecursionError:  # a guard behind MAX_DEPTH
        raise kind(f"{name}: the nesting is too deep to read; check the indentation and the brackets.") from None


