"""The one look: the HTML, the PDF's footer and the terminal take their colours and font from kpi.text.theme."""
import re

from kpi.documents import html as page, pdf
from kpi.text import theme


def _contrast_on_white(colour: str) -> float:
    """WCAG 2 contrast ratio of a '#rrggbb' colour against white."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_contrast_formula_on_known_greys():
    assert round(_contrast_on_white("#000000"), 1) == 21.0
    assert round(_contrast_on_white("#767676"), 2) == 4.54  # the lightest grey that passes AA on white


def test_text_colours_read_on_white():
    # WCAG AA asks 4.5:1 of normal text; the muted grey is used for notes and page numbers
    assert _contrast_on_white(theme.MUTED) >= 4.5 and _contrast_on_white(theme.INK) > 15


def test_page_css_declares_the_theme_colours_and_font():
    root = re.search(r":root \{([^}]*)\}", page.CSS).group(1)
    assert dict(re.findall(r"--(\w+): (#[0-9a-f]{6})", root)) == {
        "ink": theme.INK, "muted": theme.MUTED, "line": theme.LINE, "accent": theme.ACCENT, "head": theme.HEAD_FILL,
        "pale": theme.PALE_FILL}
    assert f'body {{ font-family: "{theme.FONT}", "Noto Sans", Arial, sans-serif;' in page.CSS
    # no colour is written anywhere else in the style sheet
    assert len(re.findall(r"#[0-9a-fA-F]{3,6}\b", page.CSS)) == 6
    assert "$" not in page.CSS


def test_pdf_footer_is_in_the_theme_font_and_muted_ink():
    assert pdf.FOOTER.startswith(f'<div style="font-family:{theme.FONT},sans-serif;font-size:8px;color:{theme.MUTED};')
