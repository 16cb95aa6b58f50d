"""The translations the app ships: every source text of the window (.ts) and of
the engine and reports (.po) has its French, no entry is unfinished or fuzzy,
the placeholders match, and the compiled catalogues (.qm, .mo) are those the
sources make now. The extraction is checked too: a text added to the code and
not extracted fails here."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from naaccord_desktop.engine import translation
from naaccord_desktop.engine.translation import LANGUAGES, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parents[1]
LOCALE = translation.LOCALE_DIR
TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
PLACEHOLDER = re.compile(r"\{(\w*)\}|%n")
BIN = Path(sys.executable).parent


def placeholders(*texts: str) -> set[str]:
    return {m.group(0) for text in texts for m in PLACEHOLDER.finditer(text)}


def ts_messages(language: str) -> list[ET.Element]:
    return list(ET.parse(LOCALE / f"naaccord_{language}.ts").iter("message"))


def po_catalogue(language: str):
    with open(LOCALE / language / "LC_MESSAGES" / "naaccord.po", "rb") as f:
        return read_po(f, locale=language)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_window_text_is_translated_with_the_same_placeholders(language):
    messages = ts_messages(language)
    assert len(messages) > 300
    unfinished, mismatched = [], []
    for message in messages:
        source, target = message.find("source").text, message.find("translation")
        if target.get("type") in ("unfinished", "obsolete", "vanished") or not (target.text or "").strip():
            unfinished.append(source)
        elif placeholders(source) != placeholders(target.text) or source.count("&") != target.text.count("&"):
            mismatched.append((source, target.text))
    assert unfinished == []
    assert mismatched == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_engine_text_is_translated_with_the_same_placeholders(language):
    catalogue = po_catalogue(language)
    assert len(catalogue) > 300
    unfinished, mismatched = [], []
    for message in catalogue:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(t.strip() for t in targets) or len(targets) != len(sources):
            unfinished.append(sources[0])
        elif placeholders(*sources) != placeholders(*targets):  # both forms together: a singular may drop {n}
            mismatched.append((sources, targets))
    assert unfinished == []
    assert mismatched == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogues_are_those_of_the_sources(language, tmp_path):
    qm = tmp_path / "naaccord.qm"
    subprocess.run([BIN / "pyside6-lrelease", LOCALE / f"naaccord_{language}.ts", "-qm", qm], check=True,
                   capture_output=True)
    assert qm.read_bytes() == (LOCALE / f"naaccord_{language}.qm").read_bytes(), \
        "run `python scripts/translations.py compile`"
    mo = tmp_path / "naaccord.mo"
    with open(mo, "wb") as out:
        write_mo(out, po_catalogue(language))
    shipped = LOCALE / language / "LC_MESSAGES" / "naaccord.mo"
    assert mo.read_bytes() == shipped.read_bytes(), "run `python scripts/translations.py compile`"


def test_every_text_of_the_code_is_in_the_catalogues(tmp_path):
    """Extracting again (into a copy) finds no text the catalogues lack."""
    copy = tmp_path / "repo"
    for part in ("naaccord_desktop", "scripts"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, copy / "scripts" / "translations.py", "extract"], check=True,
                   capture_output=True, cwd=copy)
    for language in TRANSLATED:
        new_ts = ts_messages_at(copy / "naaccord_desktop" / "locale" / f"naaccord_{language}.ts")
        assert [s for s, finished in new_ts if not finished] == [], "run `python scripts/translations.py extract`"
        with open(copy / "naaccord_desktop" / "locale" / language / "LC_MESSAGES" / "naaccord.po", "rb") as f:
            new_po = read_po(f, locale=language)
        assert [m.id for m in new_po if m.id and (m.fuzzy or not m.string or not all(m.string))] == []


def ts_messages_at(path: Path) -> list[tuple[str, bool]]:
    return [(m.find("source").text, m.find("translation").get("type") is None)
            for m in ET.parse(path).iter("message")]


def test_gettext_follows_the_chosen_language():
    try:
        assert translation.use_language("fr") == "fr"
        assert translation._("Blocked") == "Bloqué"
        assert translation.counted(1, "{n} row", "{n} rows") == "1 ligne"
        assert translation.counted(1234, "{n} row", "{n} rows") == "1\u00a0234 lignes"
        assert translation.number(3.25, 1) == "3,2" or translation.number(3.25, 1) == "3,3"
        assert translation.use_language("de") == SOURCE_LANGUAGE  # a language the app lacks: English
        assert translation._("Blocked") == "Blocked"
    finally:
        translation.use_language(SOURCE_LANGUAGE)
