"""A large YAML file is read in two halves at once (the second by a second process): the same document,
and the same messages, as reading it whole; where a cut could change anything, it is read whole."""
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi import background, yamlfile
from kpi.errors import PlanError


@pytest.fixture
def halves(monkeypatch):
    """Every YAML file is read in halves where it can be; the list records each second process started."""
    started = []

    class Recording(background.Background):
        def __init__(self, fn, *args):
            super().__init__(fn, *args)
            started.append(self.pid)

    monkeypatch.setattr(yamlfile, "SPLIT_BYTES", 0)
    monkeypatch.setattr(background, "Background", Recording)
    return started


def _read(path, split: bool, monkeypatch):
    monkeypatch.setattr(yamlfile, "SPLIT_BYTES", 0 if split else 10**12)
    try:
        return yamlfile.load_yaml(path, PlanError)
    except PlanError as e:
        return f"PlanError: {e}"


def _items(n: int, start: int = 0) -> str:
    return "".join(f"  - {{id: t{i}, rule: {{at_least: {i}.5}}, name: \"Chỉ tiêu {i}, thử\"}}\n"
                   for i in range(start, start + n))


BLOCK_ITEMS = "".join(f"  # nhóm {i}\n\n  - id: b{i}\n    name: |\n      dòng một\n      - dòng hai\n"
                      f"    rule:\n      between: [{i}, {i + 1}]\n" for i in range(40))


@pytest.mark.parametrize("text", [
    "id: x\nyear: 2021\ntargets:\n" + _items(80),
    "id: x\ntargets:\n" + BLOCK_ITEMS + "owners:\n  - {code: CTK}\nnote: cuối\n",
    "id: x\r\ntargets:\r\n" + _items(80).replace("\n", "\r\n"),
    "id: x\ntargets:\n" + _items(80).replace("  - ", "- "),  # items at the key's own indent
], ids=["flow-items", "block-items-then-keys", "crlf", "compact-list"])
def test_a_file_read_in_halves_is_the_document_pyyaml_reads(halves, tmp_path, text):
    path = tmp_path / "plan.yaml"
    path.write_bytes(text.encode())
    assert yamlfile._split(text) is not None
    doc = yamlfile.load_yaml(path, PlanError)
    assert len(halves) == 1 and halves[0] is not None  # a second process read the tail
    assert doc == yaml.safe_load(text)  # PyYAML's own reading is the oracle
    assert list(doc) == list(yaml.safe_load(text))  # the keys in the file's order


HEAD, TAIL = "id: x\ntargets:\n" + _items(60), _items(60, 100)
SAME_AS_WHOLE = {
    # a quoted text open across the middle holds a line that looks like an item
    "quote-across-the-cut": HEAD + '  - {id: q, name: "mở\n  - {id: giả}\n  đóng"}\n' + TAIL,
    # a flow list open across the middle
    "bracket-across-the-cut": HEAD + "  - [a,\n  - b]\n" + TAIL,
    # an anchor in the head, its alias in the tail
    "alias-across-the-cut": "id: &a x\ntargets:\n" + _items(60) + TAIL + "  - {id: *a}\n",
    # the tail gives a top-level key the head gave
    "key-twice-across-the-cut": HEAD + TAIL + "id: y\n",
    # the tail opens a second document
    "second-document-in-the-tail": HEAD + TAIL + "---\nid: y\n",
    # numbers the tail refuses, named by their own line
    "thousands-dot-in-the-tail": HEAD + TAIL + "  - {id: z, rule: {at_least: 3.500}}\n  - {id: w, value: 0100}\n",
    # a plain text in the tail that YAML would read as a number
    "tail-problems-and-head-problems": "id: x\nyear: 1:30\ntargets:\n" + _items(60) + TAIL + "  - {a: 1, a: 2}\n",
    # the list under 'targets' ended before the middle; another key's list spans it
    "list-ended-before-the-cut": "id: x\ntargets:\n" + _items(5) + " bad: 1\n" + _items(80),
    # ... or ended at a key the cut does not look for (quoted): the head's last key is then not 'targets'
    "quoted-key-before-the-cut": "id: x\ntargets:\n" + _items(5) + '"inputs":\n' + _items(80),
    "problems-in-the-head-only": "id: x\nyear: 1:30\ntargets:\n" + _items(60) + TAIL,
    "tab-before-the-cut": HEAD + "\t- {id: tab}\n" + TAIL,
    "syntax-error-in-the-tail": HEAD + TAIL + "  - {id: [}\n",
    "document-end-marker-before-the-cut": "id: x\ntargets:\n" + _items(20) + "...\n" + _items(80),
    # Found by an adversarial search: YAML breaks lines at a lone CR, U+0085, U+2028 and U+2029 too, so a
    # comment can hide an item at column 0 and the items' indent is not the one the cut looks for.
    "lone-cr-in-a-comment": "x: 1\nfoo:\n#\r- z\n  - a\n  - b\n",
    "line-separator-in-a-comment": "x: 1\nfoo:\n#\u2028- k:\n  - a\n  - b\n",
    "paragraph-separator-before-a-block-text": "x: 1\nfoo:\n#\u2029- |\n  - a\n  - b\n",
    "next-line-in-the-key-line": "x:\nfoo: #\x85- z\n  - a\n  - b\n  - c\n  - d\n",
    # ... and a directive may follow a comment, a blank line or a second byte-order mark
    "tag-directive-after-a-comment": "#\n%TAG !! tag:x:\n---\nfoo:\n- a\n- b\n- c\n- d\n- !!str e\n",
    "tag-directive-after-a-blank-line": "\n%TAG !! tag:x:\n---\nfoo:\n- a\n- b\n- c\n- d\n- !!str e\n",
    "tag-directive-after-a-second-bom": "\ufeff\ufeff%TAG !! tag:x:\n---\nfoo:\n- a\n- b\n- c\n- !!str e\n",
}


@pytest.mark.parametrize("share", [0.5, 0.8])
@pytest.mark.parametrize("name", SAME_AS_WHOLE)
def test_where_a_cut_could_change_anything_the_reading_is_that_of_the_whole(name, share, tmp_path, monkeypatch):
    path = tmp_path / "plan.yaml"
    path.write_bytes(SAME_AS_WHOLE[name].encode())  # as written: no line ends translated
    whole = _read(path, False, monkeypatch)
    monkeypatch.setattr(yamlfile, "SPLIT_BYTES", 0)
    try:
        halves = yamlfile.load_yaml(path, PlanError, head_share=share)
    except PlanError as e:
        halves = f"PlanError: {e}"
    assert halves == whole


def test_problems_found_in_a_tail_carry_the_line_of_the_whole_file():
    """Each half is read with its own line numbers right (a tail starts with as many line breaks as the head)."""
    text = SAME_AS_WHOLE["thousands-dot-in-the-tail"]
    line = text.splitlines().index("  - {id: z, rule: {at_least: 3.500}}") + 1
    _, tail, _ = yamlfile._split(text)
    assert yamlfile._build(tail, "plan.yaml")[1] == [
        f"plan.yaml, line {line} (at_least): '3.500' is ambiguous: write 3500 (no thousands separator), "
        "or 3.5 if you meant a decimal.",
        f"plan.yaml, line {line + 1} (value): '0100' has a leading zero, which YAML reads as an octal number; "
        "write 100 (or quote it if it is a text)."]


def test_no_cut_where_no_top_level_list_spans_the_middle():
    assert yamlfile._split("id: x\nname: " + "a" * 200 + "\ntargets:\n  - {id: t}\n") is None  # list after the middle
    assert yamlfile._split("%YAML 1.1\n---\nid: x\ntargets:\n" + _items(50)) is None  # a directive
    assert yamlfile._split(SAME_AS_WHOLE["quoted-key-before-the-cut"]) is None  # a line outdented before the cut
    assert yamlfile._split(SAME_AS_WHOLE["quoted-key-before-the-cut"].replace("\n  - ", "\n- ")) is None
    assert yamlfile._split("{id: x, targets: [" + "a, " * 100 + "]}\n") is None  # all in flow style
    head, tail, key = yamlfile._split("id: x\ntargets:\n" + _items(50))
    assert key == "targets" and tail.startswith("targets:\n\n") and tail.count("\n") == ("id: x\ntargets:\n" + _items(50)).count("\n")
    assert head.endswith("\n") and tail.lstrip("targets:\n").startswith("  - {id: t")


def test_the_cut_falls_after_the_share_of_the_text_this_process_reads():
    text = "id: x\ntargets:\n" + _items(200)
    for share in (0.5, 0.8):
        head, tail, _ = yamlfile._split(text, share)
        assert share * len(text) <= len(head) < share * len(text) + len(_items(1, 150)) + 1  # the next item's line
        assert yaml.safe_load(head)["targets"] + yaml.safe_load(tail)["targets"] == yaml.safe_load(text)["targets"]


class _Inline:
    """Background, computed here (the cut is what these tests are about, not the second process)."""

    def __init__(self, fn, *args):
        self.started, self._value = True, fn(*args)

    def result(self):
        return self._value

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


def _whole_or_error(text: str):
    try:
        return yamlfile._build(text, "plan.yaml")
    except (yamlfile._Syntax, yaml.YAMLError) as e:
        return type(e).__name__


FRAGMENTS = ["- a", "- 3.500", "- 1:30", '- "q', '  x"', "- 'q", "  x'", "- [a,", "  b]", "- {k: 1,", "  j: 2}",
             "- |", "  - in block", "   - in block", "- >-", "    - deeper", "# - c", "#c\u2028- h", "#c\r- h",
             "- k: v", "  k2: w", "  - sub", "- - a", "-", "- ? k", "  : v", "bad: 1", "-x: 1", "---", "...",
             "- &a x", "- *a", "- !!str s", "- !x s", "- a  ", "\t- t", "- a\u2028- b", "- a\x85  - b", "",
             '- "a\\', '  - b"', "- |2", "   x", "- plain", "  cont", "foo:", "targets:", " - one-space"]


CLEAN = ["- a", "- k: v", "- plain", "- [a, b]", "- {k: 1}", "# - c", "", "- 63.1", "- |", "  text"]


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(indent=st.sampled_from(["", "  ", " ", "    "]),
       prefix=st.sampled_from(["id: x\n", "", "#\n%TAG !! tag:x:\n---\n", "---\n", "id: &a x\n"]),
       head=st.lists(st.sampled_from(CLEAN), max_size=4),
       mid=st.lists(st.sampled_from(FRAGMENTS), max_size=2),
       tail=st.lists(st.sampled_from(CLEAN), max_size=4), n1=st.integers(3, 20), n2=st.integers(1, 10),
       suffix=st.sampled_from(["", "owners:\n  - a\n", "id: y\n", "...\n"]), crlf=st.booleans(),
       share=st.sampled_from([0.5, 0.8]),
       key=st.sampled_from(["targets:\n", "targets:\n", "targets: #\r- z\n", "targets:\n#\u2028- k:\n",
                            "targets:\n#\x85- |\n"]))
def test_any_text_read_in_halves_reads_as_the_whole(indent, prefix, head, mid, tail, n1, n2, suffix, crlf, share,
                                                    key):
    """The adversarial search's grammar, kept: a tricky line or two among plain items around the cut, read in
    halves where a cut is made; the document (or the error) must be the whole reading's."""
    lines = head + [f"- {{id: t{i}}}" for i in range(n1)] + mid + [f"- {{id: u{i}}}" for i in range(n2)] + tail
    body = "".join(line + "\n" if not line or line.startswith(("bad", "-x", "---", "...", "foo", "targets"))
                   else indent + line + "\n" for line in lines)
    text = prefix + key + body + suffix
    if crlf:
        text = text.replace("\n", "\r\n")
    real = background.Background
    background.Background = _Inline
    try:
        halves = yamlfile._build_halves(text, "plan.yaml", share)
    except (yamlfile._Syntax, yaml.YAMLError) as e:
        halves = type(e).__name__
    finally:
        background.Background = real
    if halves is not None:  # None: read whole, which is the whole reading by definition
        assert halves == _whole_or_error(text)
