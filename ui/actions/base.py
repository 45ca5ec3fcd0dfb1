"""The one skeleton every case action dialog shares: fields, validation, a background run, the error.

A dialog subclass only declares its fields (``build``) and turns them into one service call
(``make_call``). The skeleton keeps OK disabled until every required field is filled, runs the
call off the GUI thread, shows a refusal from the service (its Chinese message, with the article)
inline and keeps the dialog open, and closes on success after emitting ``succeeded``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.users import Actor
from app.persistence.types import SHANGHAI
from app.services import units
from app.services.case_view import CaseDetail
from app.services.context import Services
from app.services.units import Unit
from ui.background import BackgroundTask, Failure, run_in_background
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.login_dialog import ErrorLabel

ServiceCall = Callable[[], Any]
"""A service call with every value already read from the widgets (it runs in a worker)."""

# Context of the dialogs' class-level texts (title, ok_text) and of the action bar's labels.
CONTEXT = "Actions"
REQUIRED_MARK = "<span style='color:#b02a37'>*</span> "
INTRO_STYLE = "color: #41464b; background: #f1f3f5; padding: 6px 8px; border-radius: 3px;"
# The centre works on Beijing time whatever zone the counter PC is set to.
SHANGHAI_ZONE = QTimeZone(b"Asia/Shanghai")
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def _filled(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return bool(widget.text().strip())
    if isinstance(widget, QPlainTextEdit):
        return bool(widget.toPlainText().strip())
    if isinstance(widget, QComboBox):
        return widget.currentIndex() >= 0 and widget.currentData() is not None
    return True


def text_of(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def to_qdatetime(value: datetime) -> QDateTime:
    local = value.astimezone(SHANGHAI)
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute),
        SHANGHAI_ZONE,
    )


def from_qdatetime(value: QDateTime) -> datetime:
    """Back to an aware datetime, read field by field so the PC's own zone never enters."""
    shanghai = value.toTimeZone(SHANGHAI_ZONE)
    day, clock = shanghai.date(), shanghai.time()
    return datetime(
        day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=SHANGHAI
    )


class _Translated:
    """A class attribute holding an English source text, read in the chosen language."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __get__(self, obj: object, owner: type | None = None) -> str:
        return translate(CONTEXT, self.source)


class ActionDialog(QDialog):
    """Base of every action dialog; subclasses set ``title`` and ``ok_text`` and override
    ``build``, ``make_call`` and, when a rule spans fields, ``is_complete``."""

    title: ClassVar[str] = ""
    ok_text: ClassVar[str] = QT_TRANSLATE_NOOP("Actions", "OK")

    succeeded = Signal(object)
    """Emitted with the service's return value just before the dialog closes."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A subclass's ``title`` and ``ok_text`` (English, marked with QT_TRANSLATE_NOOP) read
        back in the chosen language, whether from the class or from a dialog."""
        super().__init_subclass__(**kwargs)
        for name in ("title", "ok_text"):
            raw = next(c.__dict__[name] for c in cls.__mro__ if name in c.__dict__)
            if isinstance(raw, str):
                setattr(cls, name, _Translated(raw))

    def __init__(
        self, svc: Services, actor: Actor, detail: CaseDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.detail = detail
        self.task: BackgroundTask[Any] | None = None
        self.units_task: BackgroundTask[list[Unit]] | None = None
        self.result_value: Any = None
        self._checks: list[Callable[[], bool]] = []
        self._choices: dict[QComboBox, list[Any]] = {}
        self.setWindowTitle(
            self.tr("{title} — case {number}").format(title=self.title, number=detail.number)
        )

        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(INTRO_STYLE)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.intro.hide()
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        # Long Chinese values wrap under their label instead of widening the dialog.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self.error_label = ErrorLabel()
        layout.addWidget(self.error_label)
        # Word-wrapped values are sized for a guessed width; the spare height goes here, not
        # between the form's rows.
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.ok_text)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(translate("Actions", "Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.build()
        self.revalidate()
        self.setMinimumWidth(520)
        self._focus_first_empty()

    # ----- what subclasses provide ------------------------------------------------------------

    def build(self) -> None:
        """Add the fields (``add_text``, ``add_combo``…) and set the intro."""

    def make_call(self) -> ServiceCall:
        """Read the widgets now (GUI thread) and return the call to run in the background."""
        raise NotImplementedError

    def is_complete(self) -> bool:
        """Checks that span fields (e.g. a comment required only when sending back)."""
        return True

    def units_loaded(self) -> None:
        """The unit list arrived (``add_unit_combo``); a choice made meanwhile may disable it."""

    # ----- building blocks ----------------------------------------------------------------------

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def _label(self, text: str, required: bool) -> QLabel:
        label = QLabel((REQUIRED_MARK if required else "") + f"{text}：")
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def add_row(self, label: str, widget: QWidget, *, required: bool = False) -> QWidget:
        """A field; a required one keeps OK disabled while it is empty."""
        caption = self._label(label, required)
        caption.setBuddy(widget)
        self.form.addRow(caption, widget)
        if required:
            self._checks.append(lambda: not widget.isEnabled() or _filled(widget))
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.textChanged.connect(self.revalidate)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.revalidate)
        return widget

    def add_info(self, label: str, text: str) -> QLabel:
        """A read-only value the decision needs to see (the request, the current due date)."""
        value = QLabel(text or "—")
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(self._label(label, False), value)
        return value

    def add_line(self, label: str, *, required: bool = True, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self.add_row(label, edit, required=required)
        return edit

    def add_text(
        self, label: str, *, required: bool = True, placeholder: str = "", lines: int = 3
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setPlaceholderText(placeholder)
        # Tab moves to the next field, as everywhere else in the form.
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        self.add_row(label, edit, required=required)
        return edit

    def add_combo(
        self,
        label: str,
        items: list[tuple[str, Any]],
        *,
        required: bool = True,
        placeholder: str | None = None,
        current: int = -1,
    ) -> QComboBox:
        combo = QComboBox()
        for text, data in items:
            combo.addItem(text, data)
        # Qt hands item data back as plain str/int (an enum member loses its class), so the
        # Python values are kept beside the combo and read back by ``chosen``.
        self._choices[combo] = [data for _text, data in items]
        combo.setPlaceholderText(
            translate("Actions", "Please choose") if placeholder is None else placeholder
        )
        combo.setCurrentIndex(current)
        self.add_row(label, combo, required=required)
        return combo

    def chosen(self, combo: QComboBox) -> Any:
        """The Python value of the chosen entry of a combo made by ``add_combo`` (None: none)."""
        index = combo.currentIndex()
        return self._choices[combo][index] if index >= 0 else None

    def add_unit_combo(self, label: str, *, exclude: int | None = None) -> QComboBox:
        """The active handling units, read in the background; OK waits for them."""
        combo = QComboBox()
        combo.setPlaceholderText(self.tr("Loading handling units…"))
        combo.setEnabled(False)
        self.add_row(label, combo, required=True)
        # Disabled while loading, so the required check alone would pass: wait for the list.
        self._checks.append(lambda: self.units_task is None)
        svc = self.svc

        def loaded(found: list[Unit]) -> None:
            self.units_task = None
            for unit in found:
                if unit.id != exclude:
                    combo.addItem(unit.name, unit.id)
            combo.setPlaceholderText(
                translate("Actions", "Please choose a handling unit")
                if combo.count()
                else translate("Actions", "No handling unit to choose")
            )
            combo.setCurrentIndex(-1)
            combo.setEnabled(combo.count() > 0)
            self.units_loaded()
            self.revalidate()

        def failed(failure: Failure) -> None:
            self.units_task = None
            combo.setPlaceholderText(translate("Actions", "Cannot load the handling units"))
            self.error_label.show_message(failure.message)

        self.units_task = run_in_background(
            self, lambda token, report: units.list_units(svc), on_success=loaded, on_failure=failed
        )
        return combo

    def add_datetime(self, label: str, value: datetime, *, not_after: datetime) -> QDateTimeEdit:
        edit = QDateTimeEdit()
        edit.setTimeZone(SHANGHAI_ZONE)
        edit.setDisplayFormat(DATETIME_FORMAT)
        edit.setCalendarPopup(True)
        edit.setMaximumDateTime(to_qdatetime(not_after))
        edit.setDateTime(to_qdatetime(value))
        self.add_row(label, edit, required=True)
        return edit

    def add_choice(self, label: str, options: list[str]) -> QButtonGroup:
        """Radio buttons in a row (approve / refuse); the first is chosen."""
        row = QWidget()
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(self)
        for index, text in enumerate(options):
            button = QRadioButton(text)
            group.addButton(button, index)
            box.addWidget(button)
        group.button(0).setChecked(True)
        group.idToggled.connect(lambda _id, _on: self.revalidate())
        self.add_row(label, row, required=False)
        return group

    def _focus_first_empty(self) -> None:
        """Keyboard first: the cursor starts where there is something to type or choose."""
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if (
                isinstance(widget, QLineEdit | QPlainTextEdit | QComboBox)
                and widget.isEnabled()
                and not _filled(widget)
            ):
                widget.setFocus()
                return
        self.ok_button.setFocus()

    # ----- validation and running -----------------------------------------------------------

    def ready(self) -> bool:
        return self.task is None and all(check() for check in self._checks) and self.is_complete()

    def revalidate(self) -> None:
        self.ok_button.setEnabled(self.ready())

    def accept(self) -> None:
        """OK: validate, then run the service call in the background; the dialog stays open."""
        if not self.ready():
            return
        call = self.make_call()
        self.error_label.clear_message()
        self.ok_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.ok_button.setText(self.tr("Saving…"))
        self.task = run_in_background(
            self,
            lambda token, report: call(),
            on_success=self._succeeded,
            on_failure=self._failed,
        )

    def _finish_task(self) -> None:
        self.task = None
        self.ok_button.setText(self.ok_text)
        self.cancel_button.setEnabled(True)

    def _succeeded(self, value: Any) -> None:
        self._finish_task()
        self.result_value = value
        self.succeeded.emit(value)
        self.done(QDialog.DialogCode.Accepted)

    def _failed(self, failure: Failure) -> None:
        # The service refused (or a bug): nothing was saved; say why and let the clerk fix it.
        self._finish_task()
        self.error_label.show_message(failure.message)
        self.revalidate()

    def reject(self) -> None:
        # While the call runs its outcome is not known yet: closing now would hide it.
        if self.task is None:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:
            event.ignore()
            return
        super().closeEvent(event)
