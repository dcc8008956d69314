"""Every fixed text of kpi's outputs, in Vietnamese (first) and English.

One table per kind of output; the charts, HTML sections, slides, terminal table, spreadsheets and the
Word report all take their words from here; a status's words are in its row of ``kpi.text.status``. Keys are the
same in both languages (a test checks).
"""
from __future__ import annotations

from .status import status_of

LANGS = ("vi", "en")

GROUP_LABELS = {
    "vi": {"economy": "Kinh tế", "society": "Văn hóa - xã hội và môi trường", "security": "Quốc phòng, an ninh"},
    "en": {"economy": "Economy", "society": "Society and environment", "security": "Defence and security"},
}
QUALIFIER_WORDS = {
    "vi": {"more_than": "hơn ", "less_than": "gần ", "about": "khoảng "},
    "en": {"more_than": "more than ", "less_than": "nearly ", "about": "about "},
}
KIND_LABELS = {
    "vi": {"official": "chính thức", "preliminary": "sơ bộ", "estimate": "ước tính", "derived": "tính toán"},
    "en": {"official": "official", "preliminary": "preliminary", "estimate": "estimate", "derived": "derived"},
}
DERIVED_NOTES = {
    "vi": {"growth": "tính từ {of} so với cùng kỳ năm trước", "share": "tính từ {of} trên {by}",
           "ratio": "tính từ {of} × {times} / {by}", "less": "tính từ {target} cuối năm trước trừ {by}"},
    "en": {"growth": "derived: {of} against the same period a year earlier", "share": "derived: {of} over {by}",
           "ratio": "derived: {of} × {times} / {by}", "less": "derived: {target} at the end of last year less {by}"},
}
"""The note of a derived figure when the plan gives none, by ``derive:`` method; the components' names fill the braces."""

RULE_WORDS = {
    "vi": {"above": "trên", "at_least": "đạt", "below": "dưới", "at_most": "không quá", "about": "khoảng",
           "reduce_by": "giảm ít nhất", "increase_by": "tăng ít nhất"},
    "en": {"above": "above", "at_least": "at least", "below": "below", "at_most": "at most", "about": "about",
           "reduce_by": "down by at least", "increase_by": "up by at least"},
}
"""The word before a rule's number, by rule kind: 'trên 10', 'khoảng 100 (±2%)'; a band ('21–22') has none."""
PERCENT_POINTS = {"vi": " điểm phần trăm", "en": " percentage points"}
"""After a change of a percent in running text ('giảm ít nhất 2 điểm phần trăm'): a change of a rate is in
percentage points."""
PERCENT_POINTS_SHORT = {"vi": " điểm %", "en": " points"}
"""The same in a table's narrow column, where the column names the unit ('giảm ít nhất 2 điểm %')."""
APPROXIMATE = "≈"
"""Marks a verdict resting on a figure published as "khoảng x" that x ± a few percent could change."""

BASIS = {
    "vi": {"history": "tiến độ các năm {years} (trung vị)", "profile": "phân bổ theo kế hoạch",
           "year_end": "chỉ tính vào cuối năm", "linear": "bình quân theo thời gian ({months}/12 tháng)"},
    "en": {"history": "the median season of {years}", "profile": "the plan's declared profile",
           "year_end": "counted only at year end", "linear": "time elapsed ({months}/12 months)"},
}
"""How the expected progress of a flow was set (printed under each chart)."""
BASIS_ONE_YEAR = {"vi": {"history": "tiến độ năm {years}"}, "en": {"history": "the season of {years}"}}
"""The same when a single earlier year gives the season (a median of one year is that year)."""
BASIS_NOTED = {"vi": {"profile": "phân bổ theo kế hoạch: {years}"}, "en": {"profile": "the plan's declared profile: {years}"}}
"""A declared profile with a note of what it rests on (``profile: {..., note: ...}``), e.g. the office's assumption."""

BASIS_SHORT = {
    "vi": {"history": "theo {years}", "profile": "phân bổ theo kế hoạch", "year_end": "chỉ tính cuối năm",
           "linear": "{months}/12 tháng"},
    "en": {"history": "season of {years}", "profile": "declared profile", "year_end": "year end only",
           "linear": "{months}/12 months"},
}
"""The same, in a few words, beside the expected progress in the report's table and status.xlsx."""

SECTION = {
    "vi": {"headline": "Tóm tắt", "attention": "Chỉ tiêu cần chú ý", "none": "Không có chỉ tiêu nào cần chú ý.",
           "amended": "Chỉ tiêu {name} được điều chỉnh từ ngày {date}{source}: {rule}; kỳ này đánh giá theo chỉ tiêu "
                      "điều chỉnh.",
           "target": "Chỉ tiêu", "plan": "Kế hoạch", "actual": "Thực hiện", "as_of": "Kỳ số liệu",
           "pct": "% kế hoạch", "expected": "Tiến độ cần đạt", "projection": "Ước cả năm", "status": "Đánh giá",
           "source": "Nguồn", "kind": "Loại số liệu", "no_data_list": "Chỉ tiêu chưa có số liệu",
           "not_due_list": "Chỉ tiêu chưa đến kỳ công bố số liệu",
           "no_figure_names": "Các chỉ tiêu chưa có số liệu: {names}.",
           "not_due_names": "Các chỉ tiêu chưa đến kỳ công bố số liệu: {names}.",
           "of": "trên", "targets": "chỉ tiêu", "reached": "đạt", "of_plan": "kế hoạch",
           "slower": "thấp hơn tiến độ cần đạt", "faster": "cao hơn tiến độ cần đạt", "against": "so với kế hoạch",
           "document": "Căn cứ", "data_date": "Số liệu đến", "derived": "tính từ số liệu thành phần",
           "no_figure": "chưa có số liệu", "open": "chưa đủ căn cứ để so với tiến độ",
           "stale": "số liệu {span}", "basis": "Tiến độ cần đạt tính theo {basis}.",
           "overdue": "chưa báo cáo số liệu kỳ này", "approximate": "số liệu ước khoảng",
           "overview": "{title} — {region}: {targets} chỉ tiêu, {figures} số liệu; kỳ {period}",
           "no_contributions": "Chưa có số liệu giá trị tăng thêm theo khu vực, giá so sánh."},
    "en": {"amended": "The target {name} was amended from {date}{source}: {rule}; this period is judged on it.",
           "headline": "Headline", "attention": "Targets that need attention", "none": "No target needs attention.",
           "target": "Target", "plan": "Plan", "actual": "Actual", "as_of": "Figure of", "pct": "% of plan",
           "expected": "Expected by now", "projection": "Year-end projection", "status": "Status",
           "source": "Source", "kind": "Kind", "no_data_list": "Targets with no data", "of": "of",
           "not_due_list": "Targets whose figures are not yet due",
           "no_figure_names": "Targets with no figure yet: {names}.",
           "not_due_names": "Targets whose figures are not yet due: {names}.",
           "targets": "targets", "reached": "reached", "of_plan": "of the plan", "slower": "behind the expected",
           "faster": "ahead of the expected", "against": "against a plan of", "document": "Basis",
           "data_date": "Data up to", "derived": "derived from its components", "no_figure": "has no figure yet",
           "open": "too vague to compare with the expected", "stale": "figure for {span}",
           "basis": "Expected progress from {basis}.", "overdue": "not yet reported for this period",
           "approximate": "an approximate figure",
           "overview": "{title} — {region}: {targets} targets, {figures} figures; period {period}",
           "no_contributions": "No value added by sector at constant prices on file yet."},
}
"""Words of the report's HTML sections."""

SENTENCE = {
    "vi": {
        "estimate": "ước đạt", "reached": "đạt", "remains": "còn", "remains_estimate": "ước còn",
        "stands": "ở mức", "stands_estimate": "ước ở mức",
        "of_plan": "bằng {pct}% kế hoạch năm", "of_plan_end": "bằng {pct}% kế hoạch",
        "of_reference": "bằng {pct}% {name}",
        "stretch": "chỉ tiêu phấn đấu", "plan": "kế hoạch {rule}",
        "above_by": "cao hơn {what} {gap}", "below_by": "thấp hơn {what} {gap}",
        "plan_word": "kế hoạch", "points": "điểm phần trăm",
        "reduced": "giảm {gap} so với cuối năm {year}", "increased": "tăng {gap} so với cuối năm {year}",
        "last_year_up": "tăng {change} so với cùng kỳ năm trước", "last_year_down": "giảm {change} so với cùng kỳ năm trước",
        "last_year_up_end": "tăng {change} so với năm trước", "last_year_down_end": "giảm {change} so với năm trước",
        "last_year_same": "bằng cùng kỳ năm trước",
        "faster": "nhanh hơn tiến độ cần đạt đến thời điểm này ({pct}%)",
        "slower": "chậm hơn tiến độ cần đạt đến thời điểm này ({pct}%)",
        "pace_months": "{n} tháng còn lại cần bình quân {amount} mỗi tháng",
        "pace_quarters": "{n} quý còn lại cần bình quân {amount} mỗi quý",
        "pace_month": "tháng còn lại cần {amount}", "pace_quarter": "quý còn lại cần {amount}",
        "no_figure": "{name}: chưa có số liệu {period}", "no_figure_yet": "{name}: chưa có số liệu",
        "not_published": "{name}: chưa đến kỳ công bố số liệu",
        "earlier": "số liệu gần nhất là {period}", "approximate": "đánh giá gần đúng do số liệu ước khoảng",
        "verdicts": {
            "exceeded": "vượt kế hoạch", "met": "đạt kế hoạch", "missed": "không đạt kế hoạch",
            "on_track": "dự kiến đạt kế hoạch năm", "at_risk": "có nguy cơ không đạt kế hoạch năm",
            "off_track": "chậm tiến độ, dự kiến không đạt kế hoạch năm",
            "undetermined": "chưa đủ căn cứ để đánh giá", "not_due": "chỉ tiêu đánh giá vào cuối năm",
            "no_data": "chưa có số liệu"},
        "in_year": {"exceeded": "đã vượt kế hoạch năm", "met": "đã đạt kế hoạch năm"},
    },
    "en": {
        "estimate": "an estimated", "reached": "", "remains": "", "remains_estimate": "an estimated",
        "stands": "", "stands_estimate": "an estimated",
        "of_plan": "{pct}% of the annual plan", "of_plan_end": "{pct}% of the plan",
        "of_reference": "{pct}% of the {name}",
        "stretch": "stretch target", "plan": "plan: {rule}",
        "above_by": "{gap} above the {what}", "below_by": "{gap} below the {what}",
        "plan_word": "plan", "points": "percentage points",
        "reduced": "down {gap} on the end of {year}", "increased": "up {gap} on the end of {year}",
        "last_year_up": "up {change} on the same period last year",
        "last_year_down": "down {change} on the same period last year",
        "last_year_up_end": "up {change} on the year before", "last_year_down_end": "down {change} on the year before",
        "last_year_same": "the same as a year earlier",
        "faster": "ahead of the {pct}% expected by now", "slower": "behind the {pct}% expected by now",
        "pace_months": "the {n} months left need {amount} a month on average",
        "pace_quarters": "the {n} quarters left need {amount} a quarter on average",
        "pace_month": "the month left needs {amount}", "pace_quarter": "the quarter left needs {amount}",
        "no_figure": "{name}: no figure for {period} yet", "no_figure_yet": "{name}: no figure yet",
        "not_published": "{name}: no figure is published for this period yet",
        "earlier": "the latest is of {period}", "approximate": "an approximate call, the figure being approximate",
        "verdicts": {
            "exceeded": "the plan is exceeded", "met": "the plan is met", "missed": "the plan is missed",
            "on_track": "on course to meet the annual plan", "at_risk": "at risk of missing the annual plan",
            "off_track": "behind, on course to miss the annual plan",
            "undetermined": "too vague to judge", "not_due": "judged at the year end",
            "no_data": "no figure yet"},
        "in_year": {"exceeded": "the annual plan is already exceeded", "met": "the annual plan is already met"},
    },
}
"""Words of each target's sentence (``kpi.story.sections.takeaway``), as a provincial report writes it: the figure
with its unit and period, its share of plan and of the other references, the change on a year earlier, the pace
still needed, and the verdict woven in."""

HEADINGS = {
    "vi": {"headline": "Tóm tắt", "economy": "Kinh tế", "growth": "Tăng trưởng", "structure": "Cơ cấu kinh tế",
           "flows": "Tiến độ các chỉ tiêu lũy kế và ước cả năm", "society": "Văn hóa - xã hội và môi trường",
           "security": "Quốc phòng, an ninh", "scorecard": "Bảng đánh giá toàn bộ chỉ tiêu",
           "by_quarter": "Đánh giá theo kỳ", "notes": "Ghi chú số liệu", "contributions": "Đóng góp vào tăng trưởng",
           "targets": "Các chỉ tiêu của kế hoạch", "observations": "Số liệu đã có", "assessment": "Bảng đánh giá"},
    "en": {"headline": "Headline", "economy": "Economy", "growth": "Growth", "structure": "Economic structure",
           "flows": "Cumulative targets: progress and year-end projection", "society": "Society and environment",
           "security": "Defence and security", "scorecard": "Scorecard of every target",
           "by_quarter": "Status by period", "notes": "Data notes", "contributions": "Contributions to growth",
           "targets": "Targets of the plan", "observations": "Figures on file", "assessment": "Assessment"},
}
"""Section titles of the notebooks, in each language."""

CHART = {
    "vi": {"growth_title": "{name} so với kế hoạch", "quarter": "Kỳ báo cáo (lũy kế từ đầu năm)",
           "target": "Kế hoạch", "actual": "Thực hiện", "expected": "Tiến độ cần đạt",
           "last_year": "Cùng kỳ năm trước", "structure_title": "Cơ cấu kinh tế so với kế hoạch",
           "pct_plan": "% kế hoạch năm", "flows_title": "Tiến độ các chỉ tiêu lũy kế", "no_data": "chưa có số liệu",
           "scorecard_title": "Đánh giá các chỉ tiêu theo kỳ", "projection": "Ước cả năm",
           "earlier": "Số liệu kỳ trước", "actual_coloured": "Thực hiện (màu theo đánh giá)",
           "left_out": "{n} chỉ tiêu khác chưa có số liệu đến kỳ này.", "baseline": "Năm {year}",
           "base_point": "Năm trước (gốc so sánh)",
           "through": "Số liệu đến {period}", "unit": "đơn vị: {unit}",
           "more": "… và {n} chỉ tiêu khác, xem bảng đánh giá.",
           "stale_cells": "Ô gạch chéo: kỳ đó chưa có số liệu, giữ đánh giá theo số liệu kỳ trước (ghi trong ngoặc).",
           "approximate_cells": "≈: đánh giá theo số liệu ước khoảng, có thể khác khi có số liệu chính xác."},
    "en": {"growth_title": "{name} against the plan", "quarter": "Period (cumulative from January)",
           "target": "Plan", "actual": "Actual", "expected": "Expected by now", "last_year": "Same period last year",
           "structure_title": "Economic structure against the plan", "pct_plan": "% of the annual plan",
           "flows_title": "Progress of cumulative targets", "no_data": "no data",
           "scorecard_title": "Status of every target by period", "projection": "Year-end projection",
           "earlier": "Figure of an earlier period", "actual_coloured": "Actual (coloured by status)",
           "left_out": "{n} other targets have no figure so far this year.", "baseline": "Year {year}",
           "base_point": "Last year (the base)",
           "through": "Figures up to {period}", "unit": "unit: {unit}",
           "more": "… and {n} more targets, see the table.",
           "stale_cells": "Hatched cell: no figure for that period; the verdict of the earlier figure (in brackets) "
                          "is kept.",
           "approximate_cells": "≈: judged on a figure published as 'about x'; an exact figure could change it."},
}
"""Words drawn on the charts."""

SLIDE = {
    "vi": {"headline": "Tóm tắt kết quả thực hiện", "targets": "chỉ tiêu", "scorecard": "Bảng đánh giá chỉ tiêu",
           "cols": ("Chỉ tiêu", "Kế hoạch", "Thực hiện", "% KH", "Đánh giá"), "data": "Số liệu đến",
           "made": "Lập ngày", "attention": "Cần chú ý", "none": "Không có chỉ tiêu nào cần chú ý.",
           "no_data": "chưa có số liệu", "no_data_title": "Chỉ tiêu chưa có số liệu",
           "projection": "Ước cả năm", "sources": "Nguồn"},
    "en": {"headline": "Headline", "targets": "targets", "scorecard": "Scorecard",
           "cols": ("Target", "Plan", "Actual", "% plan", "Status"), "data": "Data up to", "made": "Made on",
           "attention": "Needs attention", "none": "No target needs attention.", "no_data": "no data",
           "no_data_title": "Targets with no data", "projection": "Year-end projection", "sources": "Sources"},
}
"""Words of the slide deck."""

SUMMARY = {
    "vi": {"title": "Tóm tắt", "attention": "{n} chỉ tiêu cần chú ý nhất", "projection": "Ước cả năm",
           "projected": "Ước cả năm", "in_year": "Theo ước tính đến cuối năm",
           "from_figure": "theo số liệu {period}",
           "year_end": "Kết quả cả năm", "nothing": "chưa có chỉ tiêu nào đủ số liệu để ước tính",
           "verdicts": {"met": "{n} chỉ tiêu đạt kế hoạch", "at_risk": "{n} có nguy cơ không đạt",
                        "missed": "{n} không đạt", "open": "{n} chưa đủ căn cứ kết luận"},
           "met_exceeded": "đạt và vượt {n}/{total} chỉ tiêu, trong đó vượt {z}",
           "stale": "Trong đó {n} chỉ tiêu ước từ số liệu kỳ trước.",
           "stale_year_end": "{n} chỉ tiêu chỉ có số liệu kỳ trước, chưa đánh giá được cả năm.",
           "no_data": "{n} chỉ tiêu chưa có số liệu.", "not_due": "{n} chỉ tiêu chưa đến kỳ đánh giá."},
    "en": {"title": "Summary", "attention": "The {n} targets that most need attention",
           "projection": "Year-end projection", "projected": "Projected for the year:",
           "from_figure": "from the figure for {period}",
           "in_year": "Projected to the year end", "year_end": "The year's result",
           "nothing": "no target has a figure to project yet",
           "verdicts": {"met": "{n} met", "at_risk": "{n} at risk of being missed", "missed": "{n} missed",
                        "open": "{n} undetermined"},
           "met_exceeded": "{n} of {total} met or exceeded, {z} of them exceeded",
           "stale": "Of these, {n} are projected from an earlier period's figure.",
           "stale_year_end": "Only an earlier period's figure, so the year is not judged: {n}.",
           "no_data": "No figure yet: {n}.", "not_due": "Not yet due: {n}."},
}
"""Words of the one-page summary for leaders (``kpi.story.summary``): the report's first page and first slide."""

TABLE_HEAD = {"vi": ("Chỉ tiêu", "Kế hoạch", "Thực hiện", "Kỳ", "% KH", "Đánh giá"),
              "en": ("Target", "Plan", "Actual", "As of", "% plan", "Status")}
"""Column heads of the terminal table of ``kpi status``."""
TABLE_NOTES = {"vi": {"stale": "đánh giá theo số liệu kỳ trước (cột Kỳ)"},
               "en": {"stale": "verdict of the figure's own, earlier period (column As of)"}}
"""Footnotes under the terminal table: ``stale`` explains the '*' after a verdict of an earlier period's figure."""


DOCX = {
    "vi": {
        "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto": "Độc lập - Tự do - Hạnh phúc",
        "number": "Số: .../BC-UBND", "date": "{place}, ngày ... tháng ... năm ...", "kind": "BÁO CÁO",
        "subject": "Tình hình thực hiện các chỉ tiêu kế hoạch phát triển kinh tế - xã hội {when}",
        "opening": "Căn cứ {document}; trên cơ sở số liệu đã công bố đến {latest}, tình hình thực hiện các chỉ "
                   "tiêu kế hoạch phát triển kinh tế - xã hội {when} như sau:",
        "document_vi": "{document}",
        "opening_no_doc": "Trên cơ sở số liệu đã công bố đến {latest}, tình hình thực hiện các chỉ tiêu kế hoạch "
                          "phát triển kinh tế - xã hội {when} như sau:",
        "summary": "Đánh giá chung",
        "counts": "Trong tổng số {n} chỉ tiêu kế hoạch: {parts}.", "count": "{n} chỉ tiêu {label}", "count_sep": ", ",
        "see_appendix": "Chi tiết từng chỉ tiêu tại Phụ lục kèm theo.", "figure": "Hình",
        "to": "Kính gửi:", "recipients": "Nơi nhận:", "as_above": "- Như trên;", "copy": "- {name};",
        "archive": "- Lưu: VT{drafter}.", "signer_for": "TM. {body}",
        "signers": {"chairman": ("CHỦ TỊCH",), "vice_chairman": ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")},
        "signature": "(Chữ ký, dấu)",
        "appendix": "Phụ lục", "appendix_of": "(Kèm theo Báo cáo số .../BC-UBND ngày ... tháng ... năm ... của {issuer})",
        "columns": ("TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm", "Thực hiện kỳ báo cáo",
                    "So với kế hoạch (%)", "Cùng kỳ năm trước", "Đánh giá"),
        "of_which": "Trong đó: ", "latest_none": "nay",
    },
    "en": {
        "nation": "SOCIALIST REPUBLIC OF VIET NAM", "motto": "Independence - Freedom - Happiness",
        "number": "No.: .../BC-UBND", "date": "{place}, date ... month ... year ...", "kind": "REPORT",
        "subject": "Implementation of the targets of the socio-economic development plan: {when}",
        "opening": "Pursuant to {document}, and on the figures published up to {latest}, the targets of the "
                   "socio-economic development plan stand as follows in {when}:",
        "document_vi": "the plan's source document (in Vietnamese: \u201c{document}\u201d)",
        "opening_no_doc": "On the figures published up to {latest}, the targets of the socio-economic "
                          "development plan stand as follows in {when}:",
        "summary": "Overall assessment",
        "counts": "Of the {n} targets of the plan: {parts}.", "count": "{label}: {n}", "count_sep": "; ",
        "see_appendix": "Each target is detailed in the appendix.", "figure": "Figure",
        "to": "To:", "recipients": "Distribution:", "as_above": "- The addressees above;", "copy": "- {name};",
        "archive": "- File copies: Records Office{drafter}.", "signer_for": "ON BEHALF OF THE {body}",
        "signers": {"chairman": ("CHAIRMAN",), "vice_chairman": ("FOR THE CHAIRMAN", "VICE CHAIRMAN")},
        "signature": "(Signature, seal)",
        "appendix": "Appendix", "appendix_of": "(Attached to Report No. .../BC-UBND dated ... of the {issuer})",
        "columns": ("No.", "Target", "Unit", "Plan for the year", "Actual in the period", "Against plan (%)",
                    "Same period last year", "Status"),
        "of_which": "Of which: ", "latest_none": "now",
    },
}
"""Words of the Word report (Decree 30/2020/NĐ-CP layout)."""
ISSUING_BODIES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")
ISSUING_BODY_WORDS = {"ỦY BAN NHÂN DÂN": {"vi": "Ủy ban nhân dân", "en": "PEOPLE'S COMMITTEE"},
                      "HỘI ĐỒNG NHÂN DÂN": {"vi": "Hội đồng nhân dân", "en": "PEOPLE'S COUNCIL"}}
"""An issuing body in running text (Vietnamese) and on the English signature line."""
ABBREVIATIONS = {
    "vi": {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "GRDP": "tổng sản phẩm trên địa bàn",
           "ANTQ": "an ninh Tổ quốc", "THCS": "trung học cơ sở", "THPT": "trung học phổ thông"},
    "en": {"GRDP": "gross regional domestic product"},
}
"""Abbreviations the Word report spells out at their first use, as Decree 30 asks: 'Ủy ban nhân dân (UBND)'.
A document code ('54/QĐ-UBND') is a number, never spelled out."""
"""The bodies an issuer's name starts with: the first line of the Word report's header block, the region below."""
ISSUER = {"vi": ISSUING_BODIES[0] + " {region}", "en": "{region} PEOPLE'S COMMITTEE"}
"""The issuer when the plan names none: the people's committee of the region (in capitals)."""

SHEET = {
    "vi": {"sheet": "Đánh giá", "columns": ("Phần", "TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện", "Kỳ số liệu",
                                            "% kế hoạch", "Tiến độ cần đạt", "Cách tính tiến độ", "Ước cả năm",
                                            "Đánh giá", "Nguồn"),
           "references": "So với chỉ tiêu phấn đấu, dự toán khác",
           "of_which": "Trong đó: ", "period": "Đánh giá thực hiện các chỉ tiêu {when}",
           "made": "Lập ngày {day:%d/%m/%Y}"},
    "en": {"sheet": "Status", "columns": ("Section", "No.", "Target", "Unit", "Plan", "Actual", "Figure of", "% of plan",
                                          "Expected by now", "Expected from", "Year-end projection", "Status", "Source"),
           "references": "Against the stretch target and other references",
           "of_which": "Of which: ", "period": "Status of the targets: {when}", "made": "Made on {day:%d %B %Y}"},
}
"""Words of status.xlsx."""
TEMPLATE_HELP = {"head": "hướng dẫn / help",
                 "text": "Điền cột value (số, dấu chấm thập phân), kind (official/preliminary/estimate), qualifier "
                         "(more_than = hơn/trên, less_than = gần, about = khoảng) và source (địa chỉ nguồn). "
                         "Để trống value nếu chưa có số liệu."}
"""The help sheet of the single sheet of ``kpi template`` (its column names are the codes, so one text for both)."""


def status_label(status: str, lang: str = "vi", *, approximate: bool = False) -> str:
    """The status word, with ≈ before it when the verdict rests on an approximate figure."""
    word = status_of(status).word(lang)
    return f"{APPROXIMATE} {word}" if approximate else word


def basis_text(basis: str, years: str, month: int, lang: str = "vi") -> str:
    """How the expected progress was set: 'tiến độ các năm 2019, 2020 (trung vị)'."""
    if not basis:
        return ""
    words = BASIS_ONE_YEAR[lang] if "," not in years and basis in BASIS_ONE_YEAR[lang] else BASIS[lang]
    if basis == "profile" and years:  # the profile's note
        words = BASIS_NOTED[lang]
    return words[basis].format(years=years, months=month)


def basis_short(basis: str, years: str, month: int, lang: str = "vi") -> str:
    """How the expected progress was set, in a few words: 'theo 2019, 2020', '9/12 tháng'."""
    if not basis:
        return ""
    return BASIS_SHORT[lang][basis].format(years=years, months=month)

WORKBOOK_COLUMNS = {
    "vi": {"indicator": "Mã chỉ tiêu", "name": "Chỉ tiêu", "unit": "Đơn vị tính", "plan": "Kế hoạch năm",
           "previous": "Số liệu gần nhất", "period": "Kỳ", "value": "Giá trị", "kind": "Loại số liệu",
           "qualifier": "Mức độ (hơn/gần/khoảng)", "source": "Nguồn", "note": "Ghi chú"},
    "en": {"indicator": "Indicator code", "name": "Indicator", "unit": "Unit", "plan": "Annual plan",
           "previous": "Last recorded figure", "period": "Period", "value": "Value", "kind": "Kind of figure",
           "qualifier": "Bound (more than/nearly/about)", "source": "Source", "note": "Note"},
}
"""Column heads of a department's workbook (``kpi template --by owner``), in the order of its columns."""

QUALIFIER_ALIASES = {"trên": "more_than", "over": "more_than"}
"""Words a published figure uses for a bound besides those of ``QUALIFIER_WORDS``: "trên x" = "hơn x"."""

WORKBOOK = {
    "vi": {"data_sheet": "Số liệu", "help_sheet": "Hướng dẫn",
           "title": "Số liệu {period} — {owner}",
           "plan": "Kế hoạch: {title} ({region})",
           "period": "Kỳ báo cáo: {period} (mã kỳ {code}); chỉ tiêu lũy kế tính từ 01/01 đến hết kỳ, chỉ tiêu thời "
                     "điểm tính tại cuối kỳ, tốc độ tăng so với cùng kỳ năm trước.",
           "due": "Hạn gửi số liệu: ngày {date}.",
           "how": "Cách điền",
           "steps": (
               "Trang «{sheet}» có một dòng cho mỗi chỉ tiêu đơn vị báo cáo. Chỉ điền các ô màu vàng: {value}, "
               "{kind}, {qualifier}, {source}, {note}; các cột khác bị khóa, không sửa.",
               "{value}: ô chỉ nhận số. Gõ số theo định dạng số của máy (máy đặt định dạng Việt Nam: 63,1 và 3500; "
               "định dạng Anh – Mỹ: 63.1 và 3500), không kèm đơn vị, rồi xem lại số hiện trong ô có đúng số công bố "
               "không. Tỷ lệ ghi số phần trăm: 63,1 cho 63,1%. Nếu dán số từ nơi khác dưới dạng chữ: dấu chấm thập "
               "phân, không dấu phân cách hàng nghìn (63.1; 3500).",
               "{kind}: chọn chính thức, sơ bộ hoặc ước tính.",
               "{qualifier}: để trống nếu là số chính xác; chọn «hơn» khi nguồn viết «hơn x» hoặc «trên x», «gần» khi "
               "nguồn viết «gần x», «khoảng» khi nguồn viết «khoảng x».",
               "{source}: địa chỉ trang hoặc số, ngày văn bản công bố số liệu.",
               "Chỉ tiêu chưa có số liệu: để trống cả dòng, không xóa dòng.",
               "«{plan}» và «{previous}» để tham khảo: số liệu gần nhất đã ghi nhận, kèm kỳ của số liệu.",
               "Gửi lại đúng tệp này; không đổi tên trang, không thêm hoặc bớt cột.",
           ),
           "number_title": "Không phải số", "number_error": "Ô này chỉ nhận số: gõ số theo định dạng số của máy "
                                                          "(63,1 hoặc 63.1 tùy cài đặt), không kèm đơn vị.",
           "list_title": "Chọn trong danh sách", "list_error": "Chọn một giá trị trong danh sách, hoặc để trống.",
           "prompt_title": "Giá trị", "prompt": "Chỉ nhận số, theo định dạng số của máy: 63,1 hoặc 63.1; 3500."},
    "en": {"data_sheet": "Figures", "help_sheet": "Instructions",
           "title": "Figures for {period} — {owner}",
           "plan": "Plan: {title} ({region})",
           "period": "Period: {period} (code {code}); cumulative figures from 1 January to the period's end, levels as "
                     "at its end, growth rates against the same period a year earlier.",
           "due": "Figures due by {date}.",
           "how": "How to fill it in",
           "steps": (
               "The sheet '{sheet}' has one row per indicator your office reports. Fill only the yellow cells: "
               "{value}, {kind}, {qualifier}, {source}, {note}; the other columns are locked.",
               "{value}: the cell takes numbers only. Type the number as your computer's number format has it "
               "(English format: 63.1 and 3500; Vietnamese format: 63,1 and 3500), with no unit, then check that the "
               "cell shows the published figure. A rate is the percent itself: 63.1 for 63.1%. A number pasted "
               "as text from elsewhere: a decimal point, no thousands separator (63.1; 3500).",
               "{kind}: choose official, preliminary or estimate.",
               "{qualifier}: empty for an exact figure; 'more than' when the source says 'more than x' or 'over x', "
               "'nearly' for 'nearly x', 'about' for 'about x'.",
               "{source}: the address of the page, or the number and date of the document that published the figure.",
               "An indicator with no figure yet: leave its row empty, do not delete it.",
               "'{plan}' and '{previous}' are for reference: the last figure on record, with its period.",
               "Return this very file; do not rename its sheets or add or remove columns.",
           ),
           "number_title": "Not a number", "number_error": "This cell takes numbers only: type the number in your "
                                                           "computer's number format (63.1 or 63,1), with no unit.",
           "list_title": "Choose from the list", "list_error": "Choose a value from the list, or leave it empty.",
           "prompt_title": "Value", "prompt": "Numbers only, in your computer's format: 63.1 or 63,1; 3500."},
}
"""Texts of a department's workbook: its sheets, instructions and input checks."""

REPORTING = {
    "vi": {"title": "Tình hình báo cáo số liệu", "owner": "Đơn vị", "targets": "Số chỉ tiêu",
           "reported": "Đã báo cáo", "missing": "Chưa có số liệu kỳ này", "state": "Tình trạng", "due": "Hạn gửi",
           "no_owner": "(chưa giao đơn vị)", "overdue": "quá hạn", "as_of": "tính đến ngày",
           "states": {"complete": "Đủ", "partial": "Một phần", "none": "Chưa báo cáo"}},
    "en": {"title": "Reporting by office", "owner": "Office", "targets": "Targets", "reported": "Reported",
           "missing": "No figure for the period", "state": "State", "due": "Due", "no_owner": "(no owner)",
           "as_of": "as at",
           "overdue": "overdue", "states": {"complete": "Complete", "partial": "Partly", "none": "Not reported"}},
}
"""Words of the reporting table (which offices reported their targets for the period)."""


def workbook_words(lang: str = "vi") -> dict[str, str]:
    """The kind and qualifier words of a department's workbook (its drop-down lists), each to its code."""
    words = {KIND_LABELS[lang][k]: k for k in ("official", "preliminary", "estimate")}
    words.update({w.strip(): q for q, w in QUALIFIER_WORDS[lang].items()})
    return words


PICK = {"vi": {"id": "Mã (gõ mã hoặc tên)", "name": "Tên"}, "en": {"id": "Id (type the id or the name)", "name": "Name"}}
"""The heads of the list of choices a notebook's parameter may name (``kpi.analysis.names.choices``)."""

COLUMN_WORDS = {
    "vi": {"indicator": "Mã", "name": "Chỉ tiêu", "period": "Kỳ", "value": "Số liệu", "unit": "Đơn vị",
           "qualifier": "Mức độ", "kind": "Loại số liệu", "source": "Nguồn", "note": "Ghi chú", "rule": "Kế hoạch",
           "actual": "Thực hiện", "as_of": "Kỳ số liệu", "status": "Đánh giá", "projection": "Ước cả năm",
           "old_value": "Số cũ", "new_value": "Số mới", "old_source": "Nguồn cũ", "new_source": "Nguồn mới",
           "when": "Ngày sửa", "owner": "Đơn vị", "owner_name": "Đơn vị báo cáo", "due": "Hạn gửi",
           "newly": "Mới quá hạn", "sent": "Đã gửi số liệu kỳ này", "role": "Loại", "revisions": "Số lần sửa",
           "derived": "Tính từ số liệu thành phần", "overdue": "Quá hạn", "approximate": "Số ước khoảng",
           "year": "Năm", "share": "Tỷ lệ đạt đến kỳ (%)", "year_end": "Cả năm", "at_month": "Đến cùng kỳ",
           "projection_if": "Ước cả năm nếu theo tiến độ năm đó", "month": "Tháng", "expected_pct": "Tiến độ cần đạt (%)",
           "expected": "Kế hoạch theo tiến độ", "projected": "Ước theo tiến độ", "low": "Ước thấp nhất",
           "high": "Ước cao nhất", "season": "Tiến độ dùng để ước", "changed": "Đánh giá thay đổi",
           "attainment_pct": "% kế hoạch", "gap": "Chênh lệch so với kế hoạch", "before": "theo kế hoạch", "expected_basis": "Tiến độ theo",
           "after": "giả định", "months_left": "Số tháng còn lại", "needed": "Cần đạt mỗi tháng",
           "so_far": "Bình quân mỗi tháng đã qua", "last_year": "Năm trước, cùng các tháng còn lại"},
    "en": {"indicator": "Id", "name": "Target", "period": "Period", "value": "Figure", "unit": "Unit",
           "qualifier": "Qualifier", "kind": "Kind", "source": "Source", "note": "Note", "rule": "Plan",
           "actual": "Actual", "as_of": "Figure of", "status": "Status", "projection": "Year-end projection",
           "old_value": "Old figure", "new_value": "New figure", "old_source": "Old source",
           "new_source": "New source", "when": "Revised on", "owner": "Office", "owner_name": "Reporting office",
           "due": "Due", "newly": "Newly overdue", "sent": "Sent for the period", "role": "Role",
           "revisions": "Revisions", "derived": "Derived from components", "overdue": "Overdue",
           "approximate": "Approximate figure", "year": "Year", "share": "Share reached by then (%)",
           "year_end": "Full year", "at_month": "Same point of the year", "projection_if": "Year end on that season",
           "month": "Month", "expected_pct": "Expected by then (%)", "expected": "Plan along the season",
           "projected": "Projection along the season", "low": "Lowest projection", "high": "Highest projection",
           "season": "Season projected on", "changed": "Verdict changed", "attainment_pct": "% of plan",
           "gap": "Gap to the plan", "before": "as planned", "expected_basis": "Expected on", "after": "what-if", "months_left": "Months left",
           "needed": "Needed per month", "so_far": "Per month so far", "last_year": "Last year, same months"},
}
"""The heads of the analyst's tables (``kpi.analysis.tables.readable``): one word per column code."""

YES_NO = {"vi": ("có", "không"), "en": ("yes", "no")}
"""A true / false cell of an analyst's table."""

ROLES = {"vi": {"target": "chỉ tiêu", "input": "số liệu đầu vào"}, "en": {"target": "target", "input": "input"}}
"""What an owner's row is: a target of the plan or an input that derives one."""

ANALYSIS = {
    "vi": {"before": "{column} ({period})", "path_title": "{name}: lũy kế qua các tháng năm {year}",
           "plan_line": "Kế hoạch năm: {rule}", "expected_path": "Tiến độ cần đạt",
           "actual": "Thực hiện {year}", "projected": "Ước đến cuối năm",
           "range": "Khoảng ước theo tiến độ từng năm {years}", "earlier": "Năm {year}", "month": "Tháng",
           "month_tick": "T{m}", "no_range": "Chưa đủ hai năm có số liệu để ước khoảng.",
           "season_year": "tiến độ năm {year}", "season_linear": "bình quân theo thời gian",
           "season_kept": "giữ cách tính của kế hoạch ({reason})", "no_season": "năm {year} không có số liệu cả năm",
           "falls": "số lũy kế năm {year} giảm giữa các kỳ",
           "none": "Không có.", "added": "Số liệu mới", "revised": "Số liệu được sửa", "moved": "Đánh giá thay đổi",
           "overdue": "Chỉ tiêu quá hạn báo cáo", "changes_headline": "Từ {since} đến {until}: {added} số liệu mới, "
           "{revised} số liệu được sửa, {moved} chỉ tiêu thay đổi đánh giá, {newly} chỉ tiêu mới quá hạn báo cáo "
           "({overdue} chỉ tiêu quá hạn).",
           "range_sentence": "Ước cả năm {projection} {unit}; theo tiến độ từng năm {years}: từ {low} đến {high} {unit}.",
           "one_season": "Ước cả năm {projection} {unit}; chưa đủ hai năm có số liệu để ước khoảng.",
           "pace_sentence": "Sau {as_of}, {months} tháng còn lại cần bình quân {needed} {unit}/tháng; đã đạt bình quân "
                            "{so_far} {unit}/tháng{last_year}.",
           "pace_last_year": "; cùng các tháng này năm trước {value} {unit}/tháng",
           "pace_cap": "Sau {as_of}, {months} tháng còn lại không vượt quá bình quân {needed} {unit}/tháng; đã thực hiện "
                       "bình quân {so_far} {unit}/tháng{last_year}.",
           "figures": "Số liệu đã có (mọi năm), nguồn và số lần sửa", "revisions": "Các lần sửa số liệu",
           "path": "Tiến độ qua các tháng", "seasons": "Cùng chỉ tiêu các năm trước",
           "owner_headline": "{owner}: {sent}/{targets} chỉ tiêu đã gửi số liệu {period}{overdue}; đánh giá: {verdicts}.",
           "owner_overdue": ", {n} chỉ tiêu quá hạn", "owner_targets": "Các chỉ tiêu và số liệu đầu vào của đơn vị",
           "what_if_headline": "{changed} chỉ tiêu thay đổi đánh giá khi ước theo {basis}, ngưỡng nguy cơ {at_risk}%.",
           "bases": {"plan": "cách tính của kế hoạch", "linear": "bình quân theo thời gian",
                     "last_year": "tiến độ năm trước", "year": "tiến độ năm {year}"},
           "on": {"history": "theo các năm trước", "linear": "bình quân theo thời gian",
                  "profile": "phân bổ theo kế hoạch", "year_end": "chỉ tính cuối năm"},
           "what_if_changed": "Chỉ tiêu thay đổi đánh giá", "what_if_all": "Toàn bộ chỉ tiêu",
           "as_planned": "Theo kế hoạch", "what_if": "Giả định", "choices": "Có thể chọn"},
    "en": {"before": "{column} ({period})", "path_title": "{name}: cumulative, month by month, {year}",
           "plan_line": "Annual plan: {rule}", "expected_path": "Expected by then",
           "actual": "Actual {year}", "projected": "Projected to the year end",
           "range": "Range projected on each season of {years}", "earlier": "Year {year}", "month": "Month",
           "month_tick": "{month}", "no_range": "Fewer than two seasons on file: no range.",
           "season_year": "the season of {year}", "season_linear": "time elapsed",
           "season_kept": "the plan's basis kept ({reason})", "no_season": "no full-year figure of {year}",
           "falls": "the cumulative figures of {year} fall from one period to the next",
           "none": "None.", "added": "Figures added", "revised": "Figures revised", "moved": "Verdicts that moved",
           "overdue": "Targets overdue", "changes_headline": "From {since} to {until}: {added} figures added, "
           "{revised} revised, {moved} targets whose verdict moved, {newly} newly overdue ({overdue} overdue).",
           "range_sentence": "Year-end projection {projection} {unit}; on each season of {years}: {low} to {high} {unit}.",
           "one_season": "Year-end projection {projection} {unit}; fewer than two seasons on file: no range.",
           "pace_sentence": "After {as_of}, the remaining {months} months must bring {needed} {unit} a month on "
                            "average; so far {so_far} {unit} a month{last_year}.",
           "pace_last_year": "; the same months last year {value} {unit} a month",
           "pace_cap": "After {as_of}, the remaining {months} months may bring at most {needed} {unit} a month on "
                       "average; so far {so_far} {unit} a month{last_year}.",
           "figures": "Every figure on file, its source and revisions", "revisions": "Revisions",
           "path": "Month by month", "seasons": "The same target in earlier years",
           "owner_headline": "{owner}: {sent} of {targets} targets sent for {period}{overdue}; verdicts: {verdicts}.",
           "owner_overdue": ", {n} overdue", "owner_targets": "The office's targets and inputs",
           "what_if_headline": "{changed} targets change verdict when projected on {basis}, with an at-risk margin of "
                               "{at_risk}%.",
           "bases": {"plan": "the plan's basis", "linear": "time elapsed", "last_year": "last year's season",
                     "year": "the season of {year}"},
           "on": {"history": "earlier years", "linear": "time elapsed", "profile": "the plan's profile",
                  "year_end": "year end only"},
           "what_if_changed": "Targets whose verdict changes", "what_if_all": "Every target",
           "as_planned": "As planned", "what_if": "What-if", "choices": "Choices"},
}
"""Words of the analyst's notebooks and the dossier's chart (``kpi.analysis``)."""
MONTH_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""The months as an English axis names them (a Vietnamese one writes T1 to T12)."""
