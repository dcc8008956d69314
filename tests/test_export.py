"""The exporter registry: which formats exist, what each needs, in which order and groups they run."""
import threading
import types
from pathlib import Path

import pytest

from kpi.documents import registry as export
from kpi.errors import RenderError


def test_each_format_writes_the_file_the_readme_names():
    # pdf brings the html it prints: test_pdf_brings_the_html_it_prints; the default set: test_cli
    assert {f: export.artefacts([f]) for f in ("html", "slides", "docx", "xlsx")} == {
        "html": ["report.html"], "slides": ["slides.pptx"], "docx": ["report.docx"], "xlsx": ["status.xlsx"]}


def test_each_format_has_a_module_with_an_export_function():
    from importlib import import_module

    for fmt, (module, _) in export.EXPORTERS.items():
        assert callable(import_module(f"kpi.documents.{module}").export), fmt


@pytest.mark.parametrize("formats, message", [
    (["htm"], "unknown format 'htm'; choose from html, pdf, slides, docx, xlsx."),
    (["html", "odt", "PDF"], "unknown formats 'odt', 'PDF'; choose from html, pdf, slides, docx, xlsx."),
])
def test_an_unknown_format_is_refused_with_the_choices(formats, message):
    for call in (export.check_formats, export.artefacts, export.chains):
        with pytest.raises(RenderError) as e:
            call(formats)
        assert str(e.value) == message


def test_pdf_brings_the_html_it_prints():
    assert export.check_formats(["pdf"]) == ["html", "pdf"]
    assert export.artefacts(["pdf"]) == ["report.html", "report.pdf"]


def test_formats_come_in_writing_order_once_each():
    assert export.check_formats(["xlsx", "docx", "pdf", "html", "xlsx"]) == ["html", "pdf", "docx", "xlsx"]
    assert export.check_formats([]) == []
    assert export.artefacts(export.DEFAULT_FORMATS) == ["report.html", "report.pdf", "report.docx", "status.xlsx"]
    assert export.artefacts(["slides", "html"]) == ["report.html", "slides.pptx"]


@pytest.mark.parametrize("formats, groups", [
    (("html", "pdf", "docx", "xlsx"), [["html", "pdf"], ["docx"], ["xlsx"]]),
    (["pdf", "slides"], [["html", "pdf"], ["slides"]]),
    (["xlsx", "html"], [["html"], ["xlsx"]]),  # without the PDF the HTML needs no one
    (["docx"], [["docx"]]),
    ([], []),
])
def test_chains_group_a_format_with_what_it_needs(formats, groups):
    assert export.chains(formats) == groups


def test_context_reads_the_notebook_beside_its_files_and_gives_the_figures(tmp_path):
    ctx = export.Context(plan=None, status=None, folder=tmp_path, lang="vi", title="t", figures=["f"])
    assert ctx.notebook == tmp_path / "report.ipynb"
    assert ctx.drawn() == ["f"]
    assert export.Context(None, None, tmp_path, "vi", "t").drawn() == []


def test_run_writes_the_html_first_then_prints_it_beside_the_rest(tmp_path, monkeypatch):
    events = []

    def module(fmt):
        def write(ctx):
            events.append((fmt, threading.current_thread().name))
            return [ctx.folder / f"{fmt}.out"]
        return types.SimpleNamespace(export=write)

    modules = {f".{m}": module(f) for f, (m, _) in export.EXPORTERS.items()}
    monkeypatch.setattr(export, "import_module", lambda name, package: modules[name])
    ctx = export.Context(None, None, tmp_path, "vi", "t")
    written = export.run(["xlsx", "pdf", "docx"], ctx)
    assert written == [tmp_path / "html.out", tmp_path / "pdf.out", tmp_path / "docx.out", tmp_path / "xlsx.out"]
    assert events[0] == ("html", threading.current_thread().name)  # alone, before anything else
    by_format = dict(events)
    assert by_format["pdf"].startswith("kpi-export")  # the print runs in its own thread
    assert by_format["docx"] == by_format["xlsx"] == threading.current_thread().name
    assert sorted(by_format) == ["docx", "html", "pdf", "xlsx"] and len(events) == 4


def test_run_of_one_chain_writes_it_in_order(tmp_path, monkeypatch):
    events = []
    modules = {f".{m}": types.SimpleNamespace(export=lambda ctx, f=f: events.append(f) or [Path(f)])
               for f, (m, _) in export.EXPORTERS.items()}
    monkeypatch.setattr(export, "import_module", lambda name, package: modules[name])
    assert export.run(["pdf"], export.Context(None, None, tmp_path, "vi", "t")) == [Path("html"), Path("pdf")]
    assert events == ["html", "pdf"]
