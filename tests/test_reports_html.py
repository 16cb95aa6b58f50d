"""The HTML report: valid, self-contained, escaped, with the right verdicts and
counts; the shareable variant leaks none of the planted IDs or values."""

from __future__ import annotations

import time
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_reports_sample import SCRIPT, SENTINEL_IDS, SENTINEL_VALUES, sample_result

from naaccord_desktop.definitions import load_bundled
from naaccord_desktop.engine.codes import CODES
from naaccord_desktop.engine.pipeline import CheckOptions
from naaccord_desktop.engine.privacy import HIDDEN_COLUMN
from naaccord_desktop.engine.result import Finding, IdCount
from naaccord_desktop.reports.html import TITLE, ReportError, check_options, render_html, write_html
from naaccord_desktop.store.secrets import Secrets

KEY = bytes(range(32))
PSEUDONYM = Secrets(KEY, remembered=False, backend=None, status="").pseudonym
VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "line"}


class Page(HTMLParser):
    """Collects tags, text and attributes, and checks that tags nest properly."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.cells: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()
        if tag in ("td", "th") and self._row is not None:
            self._row.append("".join(self._cell or []).strip())
            self._cell = None
        elif tag == "tr":
            self.cells.append(self._row or [])
            self._row = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())

    def row(self, first_cell: str) -> list[str]:
        return next(r for r in self.cells if r and r[0] == first_cell)


@pytest.fixture(scope="module")
def definitions():
    return load_bundled()


def test_full_report_is_well_formed_and_self_contained(definitions):
    text = render_html(sample_result(), definitions=definitions)
    page = Page(text)
    assert page.open == []  # every tag closed
    assert text.startswith("<!DOCTYPE html>")
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    for name, value in page.attrs:  # nothing loads from elsewhere
        assert not (name in ("src", "href") and not value.startswith("#")), (name, value)
    assert page.tags.count("svg") >= 4  # charts are drawn inline


def test_full_report_states_verdicts_and_counts(definitions):
    result = sample_result()
    page = Page(render_html(result, definitions=definitions))
    assert "Blocked: 1 file would be rejected by the depot" in page.words
    assert "1 finding blocks the upload, 3 errors, 3 warnings" in page.words
    blockers = page.words.replace(" ", "")  # text nodes are joined with spaces
    assert "laboratory_2025Q3.csv:unknownpatientincohortPatientId,50rows" in blockers
    for f in result.files:
        name = f.path.rsplit("/", 1)[-1]
        c = f.counts_by_severity()
        row = page.row(name)
        assert row[2] == f"{f.rows:,}"
        assert row[3] == {"blocked": "Blocked", "ready": "Ready to upload", "clean": "Clean"}[f.verdict]
        assert row[4:7] == [str(c["blocker"]), str(c["error"]), str(c["warning"])]
    assert "Laboratory result" in page.words  # the table title from the definitions
    assert "50 rows" in page.words and "first 4 of 50 shown" in page.words


def test_full_report_shows_ids_and_values_escaped(definitions):
    text = render_html(sample_result(), definitions=definitions)
    page = Page(text)
    for planted in SENTINEL_IDS + SENTINEL_VALUES:
        assert planted in page.words, planted
    assert SCRIPT not in text  # present only as escaped text
    assert "SNTL-VAL-0999/99" in page.row("56")[1]  # line and value side by side


def test_full_report_provenance(definitions):
    result = sample_result()
    page = Page(render_html(result, definitions=definitions,
                            options={"Memory limit": "2GB"}))
    words = page.words
    for fact in ("App version 0.1.0", "Definitions version 2025.1", "Cohort CNICS",
                 "Run time 7.4 s", "Memory limit 2GB"):
        assert fact in words, fact
    for f in result.files:
        assert f.sha256 in words


def test_shareable_report_contains_no_ids_or_values(definitions):
    result = sample_result()
    text = render_html(result, shareable=True, pseudonym=PSEUDONYM, definitions=definitions)
    page = Page(text)
    assert page.open == []
    assert TITLE in page.words
    lowered = text.lower()
    for planted in SENTINEL_IDS + SENTINEL_VALUES + ["2020-05-19", "/data/cohort", " TDF"]:
        assert planted.lower() not in lowered, planted
    assert "SNTL" not in text.upper()
    for planted in SENTINEL_IDS:
        assert PSEUDONYM(planted) in page.words
    # counts, lines and rule names stay
    assert "unknown patient" in page.words and "first 4 of 50 shown" in page.words
    assert "12, 88, 140, 301" in page.words
    # allowed values come from the definitions and may be charted; others are only counted
    assert "Male" in page.words
    assert "2 values outside the allowed list (3 rows; not shown here)" in page.words


def test_shareable_scrubs_values_inside_engine_messages(definitions):
    page = Page(render_html(sample_result(), shareable=True, pseudonym=PSEUDONYM,
                            definitions=definitions))
    assert "e.g. line 56: [value removed]" in page.words
    assert "appears on 2 lines" in page.words and PSEUDONYM(SENTINEL_IDS[2]) in page.words


def test_full_report_with_key_pairs_ids_with_pseudonyms(definitions):
    page = Page(render_html(sample_result(), pseudonym=PSEUDONYM, definitions=definitions))
    row = page.row(SENTINEL_IDS[0])
    assert row[1] == PSEUDONYM(SENTINEL_IDS[0])


def test_shareable_needs_the_pseudonym_function():
    with pytest.raises(ValueError, match="pseudonym"):
        render_html(sample_result(), shareable=True)


def test_shareable_without_definitions_charts_no_values():
    text = render_html(sample_result(), shareable=True, pseudonym=PSEUDONYM)
    assert ">Male<" not in text and ">Hemoglobin<" not in text


def test_write_html_writes_utf8_file(tmp_path, definitions):
    out = write_html(sample_result(), tmp_path / "report.html", definitions=definitions)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_any_engine_text_stays_text(message, value):
    result = sample_result()
    result.files[0].findings.append(Finding("enum.invalid", "error", value or None, 1, [3],
                                            message, fix=value, values=[value], hint=message))
    result.files[0].summaries["birthSex"].top_values.append([value, 1])
    for shareable in (False, True):
        page = Page(render_html(result, shareable=shareable, pseudonym=PSEUDONYM))
        assert page.open == []
        assert "script" not in page.tags
        if not shareable and value.strip():
            assert " ".join(value.split()) in page.words


def test_files_that_need_work_come_first(definitions):
    text = render_html(sample_result(), definitions=definitions)
    sections = [text.index(f'id="file-{i}"') for i in range(3)]
    assert sections[1] < sections[0] < sections[2]  # blocked lab, then patient, then clean


def test_a_submission_with_every_id_unknown_stays_small_and_fast(definitions):
    """A lab file whose IDs are in the wrong form: 200,000 unknown IDs."""
    result = sample_result()
    lab = result.files[1]
    lab.patient_ids.unknown = [IdCount(f"SITE-{k:06d}", 3, [k + 2]) for k in range(200_000)]
    lab.patient_ids.not_in_patient_file = 200_000
    lab.findings[0].values = [f"SITE-{k:06d}" for k in range(4)]
    lab.findings[0].message = "Some patient IDs are not in the patient file, e.g. SITE-000003."
    started = time.monotonic()
    for shareable in (False, True):
        text = render_html(result, shareable=shareable, pseudonym=PSEUDONYM,
                           definitions=definitions)
        assert len(text) < 500_000
        assert "Showing the first 200 of 200,000 IDs" in Page(text).words
    assert "SITE-000003" not in text and "SITE-199999" not in text
    assert PSEUDONYM("SITE-000003") in text
    assert time.monotonic() - started < 10


def test_frequent_values_do_not_garble_the_plain_words(definitions):
    """Only patient IDs and offending values are scrubbed, exactly as written:
    a state code "ON" among the top values leaves "on these lines" alone."""
    result = sample_result()
    result.files[1].summaries["units"].top_values.append(["ON", 40])
    result.files[1].findings[2].fix = "Fill in result on these lines."
    page = Page(render_html(result, shareable=True, pseudonym=PSEUDONYM, definitions=definitions))
    assert "Fill in result on these lines." in page.words


def test_only_the_definitions_column_names_reach_the_shareable_report(definitions):
    """A header name the definitions do not know may be a row of data (a file
    without its header row), so the shareable report never shows one."""
    result = sample_result()
    lab = result.files[1]
    lab.findings.append(Finding("header.extra_column", "warning", "C017-1234", 1, [1],
                                "The column C017-1234 is not part of this table's definition."))
    raw = render_html(result, shareable=True, pseudonym=PSEUDONYM, definitions=definitions)
    page = Page(raw)
    assert "C017-1234" not in raw
    assert f"The column {HIDDEN_COLUMN} is not part" in page.words and f"in {HIDDEN_COLUMN}" in page.words
    assert "in resultDate" in page.words  # a column of the definitions keeps its name
    full = render_html(result, definitions=definitions)
    assert "in C017-1234" in Page(full).words  # the full report stays complete


def test_findings_are_named_by_rule_title_with_the_code_only_for_the_help_desk(definitions):
    result = sample_result()
    result.files[1].findings.append(Finding("header.extra_column", "warning", "labComment", 1, [1],
                                            "The column labComment is not part of this table's definition."))
    page = Page(render_html(result, definitions=definitions))
    title = CODES["header.extra_column"].title
    heads = [w for w in page.words.split("Warning ") if w.startswith(title)]
    assert heads and "header.extra_column" not in heads[0].split("The column")[0]
    assert "For the help desk: rule header.extra_column" in page.words


def test_cancelled_check_says_it_is_incomplete():
    result = sample_result()
    result.cancelled = True
    page = Page(render_html(result))
    assert "Check cancelled: the results are incomplete" in page.words
    assert "this is not proof that the submission is ready" in page.words


def test_check_options_in_provenance(tmp_path):
    options = CheckOptions(diagnose=True, memory_limit="4GB", threads=3)
    page = Page(render_html(sample_result(), options=check_options(options)))
    assert "Checked line by line yes, as asked" in page.words
    assert "Memory limit 4GB" in page.words and "Threads 3" in page.words


def test_unwritable_report_says_so_in_words(tmp_path):
    with pytest.raises(ReportError, match="cannot be saved"):
        write_html(sample_result(), tmp_path / "missing-folder" / "report.html")


def test_a_file_whose_check_was_stopped_has_no_verdict(definitions):
    result = sample_result()
    result.cancelled = True
    stopped = result.files[-1]
    stopped.stages = [s for s in stopped.stages if s.key in ("inspect", "load")]
    stopped.stages[-1].status = "cancelled"
    page = render_html(result, definitions=definitions)
    section = page[page.index(f'id="file-{len(result.files) - 1}"'):]
    assert '<span class="badge v-none">Not checked</span>' in section
    assert "has no verdict yet" in section
    assert f'class="badge v-{stopped.verdict}"' not in section.split("</h2>")[0]
