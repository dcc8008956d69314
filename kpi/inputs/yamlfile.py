"""Reading a YAML file that people type by hand, refusing what YAML would silently change.

YAML 1.1 (what PyYAML and libyaml implement) reads ``3.500`` as 3.5, ``0100`` as 64, ``1:30`` as 90,
``no`` as False and ``.inf`` as infinity. A Vietnamese plan writes "3.500 tỷ đồng" for three thousand
five hundred, so such texts are refused with the fix, never turned into a number. The document is built in one pass over libyaml's events (the C parser when it is installed), which
knows only null, ``true``/``false``, strings and numbers written plainly (``-12``, ``63.1``,
``1.5e3``), each number read from its own text. On the way it stops at nesting deeper than
``MAX_DEPTH`` (before anything deeper is read) and at tags beyond YAML's safe ones, and collects:
aliases (``*name``: an alias bomb expands a 1 KB file into gigabytes), a key given twice in one
mapping, and every number-like text that is ambiguous.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from ..errors import KpiError
from ..files import display, read_text
from ..text.numbers import DECIMAL_COMMA, THOUSANDS_COMMA, THOUSANDS_DOT, thousands_fix

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists allowed (a plan needs four)."""

MAX_BYTES = 50 * 1024 * 1024
"""Largest YAML file read (50 MB; a 10,000-target plan is about 2 MB)."""

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A plain scalar that starts like a number: YAML 1.1 ints and floats (with '_', ':', 0x, 0b, .inf,
# .nan) and the look-alikes a person types (3.500, 1.234.567, 3,5).
_NUMBERISH = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_.:,]*(?:[eE][-+]?[0-9]+)?
                               |\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?
                               |0[xX][0-9a-fA-F_]+|0[bB][01_]+
                               |\.(?:inf|Inf|INF))
                             |\.(?:nan|NaN|NAN))$""", re.X)
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)")
_PLAIN_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
"""A decimal written plainly (63.1); read at once unless it looks like thousands dots (3.500)."""
def number_problem(text: str) -> str | None:
    """Why a number-like text cannot be read as a number without guessing; ``None`` if it can."""
    if _INT.fullmatch(text):
        return None
    if THOUSANDS_DOT.fullmatch(text) or THOUSANDS_COMMA.fullmatch(text):
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
    if DECIMAL_COMMA.fullmatch(text):
        return f"'{text}' has a decimal comma; write {text.replace(',', '.')} (a decimal point)"
    return f"'{text}' is not a number; write a plain number such as 3500 or 63.1, or quote the text"


_NULLS = frozenset(("~", "null", "Null", "NULL", ""))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_Y = "tag:yaml.org,2002:"
_SPECIAL = {**dict.fromkeys(_NULLS), **_BOOLS}
"""The plain scalars that are not text: null and the booleans."""
_NUMBER_START = frozenset("+-.0123456789")
"""The first characters of a plain scalar ``_NUMBERISH`` may match."""


class _Syntax(Exception):
    """A defect that stops reading at once (depth, a forbidden tag)."""


def _build(text: str, name: str):
    """Build the document from libyaml's events in one pass; returns ``(document, problems)``.

    Numbers are read from their own text; refused along the way (and collected): aliases, duplicate
    keys, ambiguous numbers. Depth over ``MAX_DEPTH`` and tags beyond YAML's safe ones stop at once.
    The open collection is held in local variables (its container, whether it is a mapping, the key
    waiting for its value, the last key, and the line of each key), the enclosing ones on a stack:
    this loop runs once per event, millions of times for a large plan.
    """
    problems: list[str] = []
    aliases: list[tuple[int, str]] = []
    nokey = object()
    root: list = []
    container, is_map, pending, last_key, lines = root, False, nokey, None, None
    stack: list[tuple] = []  # the enclosing collections, as (container, is_map, pending, last_key, lines)
    documents = 0
    ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
    MappingStart, SequenceStart = yaml.MappingStartEvent, yaml.SequenceStartEvent
    MappingEnd, SequenceEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent
    DocumentStart, StreamEnd = yaml.DocumentStartEvent, yaml.StreamEndEvent
    special, number_start, numberish = _SPECIAL, _NUMBER_START, _NUMBERISH.match
    plain_int, plain_float, thousands = _INT.fullmatch, _PLAIN_FLOAT.fullmatch, THOUSANDS_DOT.fullmatch
    map_tags, seq_tags = ("!", _Y + "map"), ("!", _Y + "seq")
    intern = sys.intern

    def number(text: str, line: int, is_map: bool, pending, last_key):
        why = number_problem(text)
        if why is None:
            return int(text) if _INT.fullmatch(text) else float(text)
        frames = [(is_map, last_key), *((f[1], f[3]) for f in reversed(stack))]  # the innermost first
        key = next((k for m, k in frames if m and k is not None), None)
        where = f" ({key})" if key is not None and not (is_map and pending is nokey) else ""
        problems.append(f"{name}, line {line}{where}: {why}.")
        return text

    def key_problem(value, line: int, lines: dict):
        """The key as stored, after noting what is wrong with it (a collection as a key, a key given twice)."""
        if isinstance(value, (dict, list)):
            problems.append(f"{name}, line {line}: a key is a mapping or a list; write a plain word as the key.")
            value = f"<line {line}>"
        if value in lines:
            problems.append(f"{name}, line {line}: the key '{value}' is given twice in the same mapping "
                            f"(first at line {lines[value]}); keep one.")
        else:
            lines[value] = line
        return value

    loader = _Base(text)
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent or cls is AliasEvent:
                if cls is AliasEvent:  # refused (listed before all other problems); placed as null meanwhile
                    aliases.append((event.start_mark.line + 1, event.anchor))
                    v = None
                else:
                    v, tag = event.value, event.tag
                    if tag is None:
                        if not event.style and event.implicit[0]:
                            if v in special:
                                v = special[v]
                            elif v[:1] in number_start and numberish(v):
                                if plain_int(v):  # the usual numbers, read at once: 2021, 3500, 63.1
                                    v = int(v)
                                elif plain_float(v) and not thousands(v) and len(v) < 300:  # 1e308 at most: finite
                                    v = float(v)
                                else:
                                    v = number(v, event.start_mark.line + 1, is_map, pending, last_key)
                    elif tag in (_Y + "int", _Y + "float"):
                        v = number(v, event.start_mark.line + 1, is_map, pending, last_key)
                    elif tag == _Y + "null":
                        v = None
                    elif tag == _Y + "bool" and v.lower() in ("true", "false"):
                        v = v.lower() == "true"
                    elif tag not in ("!", _Y + "str"):
                        raise _Syntax(f"{name}: not valid YAML at line {event.start_mark.line + 1} (the tag '{tag}' is "
                                      "not allowed in a plan file); remove it.")
                if not is_map:
                    container.append(v)
                elif pending is not nokey:
                    container[pending] = v
                    pending = nokey
                elif v.__class__ is str and v not in lines:  # the common case: a new key
                    v = intern(v)  # one string per key name: less memory
                    lines[v] = event.start_mark.line + 1
                    pending = last_key = v
                else:
                    pending = last_key = key_problem(v, event.start_mark.line + 1, lines)
            elif cls is MappingEnd or cls is SequenceEnd:
                container, is_map, pending, last_key, lines = stack.pop()
            elif cls is MappingStart or cls is SequenceStart:
                if len(stack) >= MAX_DEPTH:
                    raise _Syntax(f"{name}, line {event.start_mark.line + 1}: the nesting is deeper than {MAX_DEPTH} "
                                  "levels; a plan needs four at most: check the indentation and the brackets.")
                tag = event.tag
                if tag is not None and tag not in (map_tags if cls is MappingStart else seq_tags):
                    raise _Syntax(f"{name}: not valid YAML at line {event.start_mark.line + 1} (the tag '{tag}' is "
                                  "not allowed in a plan file); remove it.")
                new = {} if cls is MappingStart else []
                if not is_map:
                    container.append(new)
                elif pending is not nokey:
                    container[pending] = new
                    pending = nokey
                else:
                    pending = last_key = key_problem(new, event.start_mark.line + 1, lines)
                stack.append((container, is_map, pending, last_key, lines))
                container, is_map, pending, last_key, lines = new, cls is MappingStart, nokey, None, {}
            elif cls is DocumentStart:
                documents += 1
                if documents > 1:
                    problems.append(f"{name}, line {event.start_mark.line + 1}: a second YAML document starts here "
                                    "('---'); a plan file holds one.")
            elif event is None or cls is StreamEnd:
                break
    finally:
        loader.dispose()
    if aliases:
        line, anchor = aliases[0]
        more = f" (and {len(aliases) - 1} more)" if len(aliases) > 1 else ""
        problems.insert(0, f"{name}, line {line}: the alias '*{anchor}'{more} repeats another part of the file; plan "
                           "files may not use anchors and aliases (&name, *name): write each value out.")
    return (root[0] if root else None), problems


def load_yaml(path: Path, kind: type[KpiError]):
    """The document in a hand-typed YAML file; ``kind`` lists every problem found, or the first syntax error.

    Refused: a file over ``MAX_BYTES``, nesting over ``MAX_DEPTH``, aliases, duplicate keys, ambiguous
    numbers (``3.500``, ``0100``, ``1:30``, ``.inf``), any tag beyond YAML's safe ones. Only null,
    true/false, numbers written plainly and strings are read (``no``, ``on`` and dates stay text).
    """
    name = display(path)
    text = read_text(path, kind, MAX_BYTES)
    if "\x00" in text:
        raise kind(f"{name}, line {text.count(chr(10), 0, text.index(chr(0))) + 1}: the file holds NUL bytes, so it "
                   "is not plain text; save it again as UTF-8 text.")
    try:
        doc, problems = _build(text, name)
    except _Syntax as e:
        raise kind(str(e)) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        if "nesting depth" in str(getattr(e, "problem", "")):
            raise kind(f"{name}{line.replace(' at', ',')}: the nesting is deeper than {MAX_DEPTH} levels; "
                       "a plan needs four at most: check the indentation and the brackets.") from None
        problem = " ".join(str(getattr(e, "problem", e)).split())
        raise kind(f"{name}: not valid YAML{line} ({problem}); fix the syntax there.") from None
    if problems:
        raise kind(problems)
    return doc
