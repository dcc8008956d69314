"""kpi.text.safetext: text from data files made safe for a terminal (control and bidirectional characters)."""
import pytest

from kpi.text.safetext import printable


def test_control_characters_become_the_placeholder():
    assert printable("a\x1b[31mb\x07c\x9b") == "a\ufffd[31mb\ufffdc\ufffd"
    assert printable("a\nb") == "a\ufffdb"
    assert printable("a\nb\tc", keep_newlines=True) == "a\nb\ufffdc"


def test_a_right_to_left_override_is_shown_as_a_mark_naming_it():
    assert printable("abc\u202edef") == "abc⟨U+202E⟩def"


@pytest.mark.parametrize("char, mark", [
    ("\u061c", "⟨U+061C⟩"),  # Arabic letter mark
    ("\u200e", "⟨U+200E⟩"), ("\u200f", "⟨U+200F⟩"),  # left-to-right and right-to-left marks
    ("\u202a", "⟨U+202A⟩"), ("\u202b", "⟨U+202B⟩"), ("\u202c", "⟨U+202C⟩"), ("\u202d", "⟨U+202D⟩"),
    ("\u202e", "⟨U+202E⟩"),  # embeddings, pop, overrides
    ("\u2066", "⟨U+2066⟩"), ("\u2067", "⟨U+2067⟩"), ("\u2068", "⟨U+2068⟩"), ("\u2069", "⟨U+2069⟩"),  # isolates
])
def test_every_bidirectional_control_is_named(char, mark):
    assert printable(f"x{char}y") == f"x{mark}y"
    assert printable(f"x{char}\ny", keep_newlines=True) == f"x{mark}\ny"


def test_neighbours_of_the_bidirectional_controls_stay_as_they_are():
    text = "\u061b\u200a\u2010\u2027\u202f\u205f\u2065\u2070\ufefe Thu ngân sách ⟨U+202E⟩"  # each range's neighbours
    assert printable(text) == text


@pytest.mark.parametrize("char, mark", [
    ("\u200b", "⟨U+200B⟩"), ("\u200c", "⟨U+200C⟩"), ("\u200d", "⟨U+200D⟩"),  # zero-width space and joiners
    ("\u2028", "⟨U+2028⟩"), ("\u2029", "⟨U+2029⟩"),  # line and paragraph separators
    ("\u2060", "⟨U+2060⟩"), ("\u206a", "⟨U+206A⟩"), ("\u206f", "⟨U+206F⟩"), ("\ufeff", "⟨U+FEFF⟩"),
])
def test_invisible_format_characters_are_named(char, mark):
    """'Sở Tài\u200bchính' looks like 'Sở Tàichính' on a terminal: the two are told apart."""
    assert printable(f"Sở Tài{char}chính") == f"Sở Tài{mark}chính"


def test_controls_and_bidirectional_controls_together_keep_newlines_when_asked():
    assert printable("\u2067a\x1bb\nc\u2069", keep_newlines=True) == "⟨U+2067⟩a\ufffdb\nc⟨U+2069⟩"
    assert printable("\u2067a\x1bb\nc\u2069") == "⟨U+2067⟩a\ufffdb\ufffdc⟨U+2069⟩"
