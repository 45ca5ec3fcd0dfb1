"""Translation wiring: English source strings, Simplified Chinese by default, English by a setting.

Every user-visible string in ``ui/`` is English in the source so that ``pyside6-lupdate`` finds
it: ``self.tr("...")`` inside a QObject, ``translate("Context", "...")`` elsewhere, and
``QT_TRANSLATE_NOOP("Context", "...")`` for module-level constants, which are shown through
``translate("Context", CONSTANT)`` (they exist before any translator is installed). Placeholders
are ``str.format`` fields: ``self.tr("Case {number}").format(number=...)``.

The zh_CN catalogue lives in ``resources/translations``; ``scripts/update_translations.py``
refreshes the .ts from the sources and compiles the .qm, and tests/ui/test_translations.py fails
on anything unfinished, missing or stale.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from resources import RESOURCES_DIR
from ui import preferences

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
CATALOGUE = "towndesk"
DEFAULT_LANGUAGE = "zh_CN"
ENGLISH = "en"
LANGUAGES = (DEFAULT_LANGUAGE, ENGLISH)
ENV_VARIABLE = "TOWNDESK_LANG"
SETTINGS_KEY = "ui/language"

# Kept alive here: a QTranslator that is garbage-collected silently stops translating.
_installed: list[QTranslator] = []


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` under a short name that lupdate recognises."""
    return QCoreApplication.translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for lupdate under ``context`` and returns it untranslated.

    For module-level constants, which exist before any translator is installed: show them with
    ``translate(context, constant)``. (PySide6's own QT_TRANSLATE_NOOP is typed ``object``.)
    """
    del context
    return text


def chosen_language(language: str | None = None) -> str:
    """The language to show: the argument, else $TOWNDESK_LANG, else the setting, else zh_CN."""
    for candidate in (
        language,
        os.environ.get(ENV_VARIABLE),
        preferences.app_settings().value(SETTINGS_KEY),
    ):
        if isinstance(candidate, str) and candidate.strip():
            name = candidate.strip()
            if name in LANGUAGES:
                return name
            log.warning("unknown language %r; using %s", name, DEFAULT_LANGUAGE)
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def install_translator(app: QCoreApplication, language: str | None = None) -> str:
    """Installs TownDesk's and Qt's catalogues for the chosen language; returns that language.

    "en" installs nothing: the source strings are English. Calling it again replaces the
    translators installed before (the tests switch to English and back).
    """
    while _installed:
        app.removeTranslator(_installed.pop())
    chosen = chosen_language(language)
    if chosen == ENGLISH:
        return chosen
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogues = ((f"qtbase_{chosen}", qt_dir), (f"{CATALOGUE}_{chosen}", str(TRANSLATIONS_DIR)))
    for name, folder in catalogues:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
    return chosen
