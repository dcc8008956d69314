"""A large YAML file is read in two halves at once (the second by a second process): the same document,
and the same messages, as reading it whole; where a cut could change anything, it is read whole."""
import pytest
import yaml

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
