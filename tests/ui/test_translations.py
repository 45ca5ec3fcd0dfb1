"""Tests for the translation: a complete, up-to-date zh_CN catalogue, and English by a setting."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.fixtures_data import DemoData
from ui import i18n
from ui.app import build_main_window, configure_application

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]
UI_DIR = ROOT / "ui"
TS_FILE = i18n.TRANSLATIONS_DIR / "towndesk_zh_CN.ts"
QM_FILE = i18n.TRANSLATIONS_DIR / "towndesk_zh_CN.qm"
CJK = re.compile(r"[\u3400-\u9fff]")

# Every module under ui/: user-visible strings are English source text through tr()/translate().
MODULES = sorted(str(path.relative_to(UI_DIR)) for path in UI_DIR.rglob("*.py"))

# Chinese kept on purpose in converted modules.
ALLOWED_CHINESE: dict[str, set[str]] = {
    # Typical cell contents (Chinese data) that size the columns on first start.
    "case_detail.py": {"欧阳管理员"},
    "case_list.py": {
        "举报",
        "普通",
        "欧**娜",
        "镇综合治理办公室",
        "不予受理",
        "即将到期 2026-01-22（暂定）",
        "今日到期",
        "楼下餐馆油烟直排，晚上十点后仍有噪音",
    },
    # Document numbers are Chinese characters (a prefix like 江城便民, a class like 受): the
    # English text names them as they are printed.
    "settings/centre.py": {
        "中",
        "e.g. 江城便民",
        "The centre's name, address and phone are printed in the heading and the signature of "
        "every document; the document number prefix goes before the document class character "
        "(受, 转, 催…); the centre code starts every case number, and a change applies only to "
        "cases registered afterwards.",
    },
    # The rules number their items （一）（二）…; the item texts come from the domain, in Chinese.
    "registration/dialogs.py": {"一二三四五六七八九十"},
}


def load_update_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> its <translation> element."""
    found: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source", ""))] = translation
    return found


@pytest.fixture
def english(configured_app: QApplication) -> Iterator[None]:
    """English for one test, then back to the default Chinese for the others."""
    configure_application(configured_app, i18n.ENGLISH)
    yield
    configure_application(configured_app, i18n.DEFAULT_LANGUAGE)


def test_every_message_is_translated() -> None:
    found = messages(TS_FILE)
    assert found
    unfinished = [src for src, tr in found.items() if tr.get("type") is not None]
    empty = [src for src, tr in found.items() if not (tr.text or "").strip()]
    assert unfinished == []
    assert empty == []


def test_placeholders_are_kept_in_the_translation() -> None:
    for (context, source), translation in messages(TS_FILE).items():
        wanted = sorted(re.findall(r"\{\w*\}|%\d", source))
        got = sorted(re.findall(r"\{\w*\}|%\d", translation.text or ""))
        assert got == wanted, (context, source)


def test_catalogue_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    """lupdate over ui/ adds nothing to the committed .ts and finds every string in it."""
    script = load_update_script()
    copy = tmp_path / TS_FILE.name
    shutil.copyfile(TS_FILE, copy)
    script.run_lupdate(copy, UI_DIR)
    before, after = messages(TS_FILE), messages(copy)
    assert sorted(set(after) - set(before)) == [], "run scripts/update_translations.py"
    assert sorted(set(before) - set(after)) == [], "run scripts/update_translations.py"


def test_compiled_catalogue_matches_the_ts(tmp_path: Path) -> None:
    script = load_update_script()
    compiled = tmp_path / QM_FILE.name
    script.run_lrelease(TS_FILE, compiled)
    assert compiled.read_bytes() == QM_FILE.read_bytes(), "run scripts/update_translations.py"


def test_translator_gives_the_chinese_texts(configured_app: QApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"
    assert translator.translate("Navigation", "Dashboard") == "工作台"
    # Installed by default (the tests' configure_application).
    assert QCoreApplication.translate("MainWindow", "&View") == "视图(&V)"


@pytest.mark.parametrize("module", MODULES)
def test_modules_have_english_source_strings(module: str) -> None:
    """No Chinese in the string literals of a converted module (docstrings aside)."""
    tree = ast.parse((UI_DIR / module).read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    chinese = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CJK.search(node.value)
    ]
    assert set(chinese) <= ALLOWED_CHINESE.get(module, set())


def test_language_choice_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.ENV_VARIABLE, raising=False)
    assert i18n.chosen_language() == "zh_CN"
    settings = i18n.preferences.app_settings()
    settings.setValue(i18n.SETTINGS_KEY, "en")
    assert i18n.chosen_language() == "en"
    monkeypatch.setenv(i18n.ENV_VARIABLE, "zh_CN")
    assert i18n.chosen_language() == "zh_CN"
    assert i18n.chosen_language("en") == "en"
    assert i18n.chosen_language("xx") == "zh_CN"


@pytest.mark.usefixtures("english")
def test_english_main_window(demo: DemoData, qtbot: QtBot) -> None:
    window = build_main_window(demo.svc, demo.admin)
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&View", "&Account", "&Help"]
    assert window.windowTitle().startswith("TownDesk Service Centre Counter System — ")
    dashboard = window.navigation.item_for("dashboard")
    assert dashboard is not None and dashboard.text() == "Dashboard"
    assert window.quit_action.text() == "E&xit"


def _marked_strings(tree: ast.AST) -> list[str]:
    """The literal texts of tr(...), translate(ctx, ...) and QT_TRANSLATE_NOOP(ctx, ...) calls."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        position = {"tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1}.get(name)
        if position is None or len(node.args) <= position:
            continue
        argument = node.args[position]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            found.append(argument.value)
    return found


def test_lupdate_finds_every_marked_string() -> None:
    """A tr() that lupdate cannot see (e.g. inside an f-string) would stay English."""
    sources = {source for _context, source in messages(TS_FILE)}
    missing = {
        f"{path.relative_to(UI_DIR)}: {text}"
        for path in sorted(UI_DIR.rglob("*.py"))
        for text in _marked_strings(ast.parse(path.read_text(encoding="utf-8")))
        if text not in sources
    }
    assert sorted(missing) == []
