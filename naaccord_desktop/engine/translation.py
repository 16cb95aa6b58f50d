"""The engine's and reports' words in the user's language (Python's gettext;
no Qt here). The window chooses the language (gui/language.py); the command
line and everything else stays in English, the source language.

Every translatable text is a template with named placeholders filled after
translation, so a translator can reorder them:
`_("{column} is empty.").format(column=column)`. `N_` marks a text kept in a
table and translated where it is shown."""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "naaccord"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"  # in the wheel and the bundle
LANGUAGES = {"en": "English", "fr": "Français"}  # each as it names itself
SOURCE_LANGUAGE = "en"

_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def use_language(code: str) -> str:
    """Translate from now on into `code` (one of LANGUAGES; anything else is English)."""
    global _catalogue, _language
    _language = code if code in LANGUAGES else SOURCE_LANGUAGE
    _catalogue = (gettext.NullTranslations() if _language == SOURCE_LANGUAGE
                  else gettext.translation(DOMAIN, LOCALE_DIR, [_language]))
    return _language


def language() -> str:
    return _language


def _(text: str) -> str:
    return _catalogue.gettext(text)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _catalogue.ngettext(singular, plural, count)


def N_(text: str) -> str:
    return text


def number(value: float, decimals: int = 0) -> str:
    """1,234.5 in English, 1 234,5 in French (a no-break space between thousands)."""
    text = f"{value:,.{decimals}f}"
    if _language == "fr":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def decimal(value) -> str:
    """A value as Python writes it (no thousands separator), with the language's decimal mark."""
    text = str(value)
    return text.replace(".", ",") if _language == "fr" and isinstance(value, float) else text


def counted(count: int, singular: str, plural: str, **values) -> str:
    """`ngettext` with the count and `values` filled in: counted(n, "{n} row", "{n} rows")."""
    return ngettext(singular, plural, count).format(n=number(count), **values)
