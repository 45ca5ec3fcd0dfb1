"""The 规则配置 tab: which rule profile from which date, each profile's validity, the urgent list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ValidationError
from app.domain.users import Actor
from app.services import admin
from app.services.admin import ProfileInfo
from app.services.context import Services
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.settings.common import (
    Field,
    FormDialog,
    Message,
    RecordTableModel,
    fit_columns,
    note_label,
    record_table,
    selected_row,
)


@dataclass(frozen=True)
class ScheduleRow:
    start: date
    profile: ProfileInfo
    in_force_today: bool


def _validity(profile: ProfileInfo) -> str:
    until = (
        profile.valid_until.isoformat()
        if profile.valid_until
        else translate("Settings", "open-ended")
    )
    return translate("Settings", "{start} to {end}").format(
        start=profile.valid_from.isoformat(), end=until
    )


def _status(profile: ProfileInfo) -> str:
    return (
        translate("Settings", "⚠ Lapsed (still applied)")
        if profile.lapse_warning
        else translate("Settings", "Valid")
    )


SCHEDULE_FIELDS: tuple[Field[ScheduleRow], ...] = (
    Field(QT_TRANSLATE_NOOP("Settings", "From"), lambda r: r.start.isoformat()),
    Field(
        QT_TRANSLATE_NOOP("Settings", "Rule profile"),
        lambda r: (
            r.profile.name
            + (translate("Settings", " (in force today)") if r.in_force_today else "")
        ),
        lambda r: r.profile.key,
    ),
)

PROFILE_FIELDS: tuple[Field[ProfileInfo], ...] = (
    Field(QT_TRANSLATE_NOOP("Settings", "Profile name"), lambda p: p.name),
    Field(QT_TRANSLATE_NOOP("Settings", "Code"), lambda p: p.key),
    Field(QT_TRANSLATE_NOOP("Settings", "Validity"), _validity),
    Field(QT_TRANSLATE_NOOP("Settings", "Status"), _status, lambda p: p.lapse_warning),
)


class ScheduleEntryDialog(FormDialog):
    """One more line of the schedule: from this date, this profile (saved with 保存安排)."""

    def __init__(
        self,
        profiles: list[ProfileInfo],
        taken: set[date],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("Settings", "Add to the rule profile schedule"),
            parent,
            ok_text=translate("Settings", "Add entry"),
        )
        self.taken = taken
        self.entry: tuple[date, str] | None = None
        self.start = QDateEdit(QDate(today.year, today.month, today.day))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.profile = QComboBox()
        for profile in profiles:
            self.profile.addItem(f"{profile.name}（{_validity(profile)}）", profile.key)
        self.form.addRow(translate("Settings", "From:"), self.start)
        self.form.addRow(translate("Settings", "Rule profile:"), self.profile)
        self.form.addRow(
            note_label(
                translate(
                    "Settings", "Cases registered from that date on follow the chosen rule profile."
                )
            )
        )

    def submit(self) -> None:
        start = self.start.date().toPython()
        assert isinstance(start, date)
        if start in self.taken:
            raise ValidationError(
                "start",
                self.tr("{date} already has an entry; delete it first.").format(
                    date=start.isoformat()
                ),
            )
        self.entry = (start, str(self.profile.currentData()))


class RulesTab(QWidget):
    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.dialog: ScheduleEntryDialog | None = None
        self.entries: list[tuple[date, str]] = []
        self.profiles: dict[str, ProfileInfo] = {}

        self.schedule_model: RecordTableModel[ScheduleRow] = RecordTableModel(
            SCHEDULE_FIELDS, parent=self
        )
        self.schedule_table = record_table(self.schedule_model)
        self.add_button = QPushButton(self.tr("Add…"))
        self.remove_button = QPushButton(self.tr("Delete"))
        self.save_schedule_button = QPushButton(self.tr("Save schedule"))
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_entry)
        self.save_schedule_button.clicked.connect(self.save_schedule)
        self.schedule_message = Message()
        schedule_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.save_schedule_button):
            schedule_buttons.addWidget(button)
        schedule_buttons.addStretch(1)
        schedule_box = QGroupBox(self.tr("Rule profile schedule"))
        schedule_layout = QVBoxLayout(schedule_box)
        schedule_layout.addWidget(
            note_label(
                self.tr(
                    "A new case follows the rule profile in force on the day it is registered; registered cases keep the profile of their registration day."
                )
            )
        )
        schedule_layout.addWidget(self.schedule_table, 1)
        schedule_layout.addLayout(schedule_buttons)
        schedule_layout.addWidget(self.schedule_message)

        # A lapsed profile is not greyed out: it may well be the one still in use.
        self.profile_model: RecordTableModel[ProfileInfo] = RecordTableModel(
            PROFILE_FIELDS, parent=self
        )
        self.profile_table = record_table(self.profile_model)
        self.lapse_note = Message()
        profiles_box = QGroupBox(self.tr("Available rule profiles"))
        profiles_layout = QVBoxLayout(profiles_box)
        profiles_layout.addWidget(self.profile_table, 1)
        profiles_layout.addWidget(self.lapse_note)

        self.urgent = QPlainTextEdit()
        self.urgent.setPlaceholderText(self.tr("One per line"))
        self.urgent.setTabChangesFocus(True)
        self.save_urgent_button = QPushButton(self.tr("Save list"))
        self.save_urgent_button.clicked.connect(self.save_urgent)
        self.urgent_message = Message()
        urgent_buttons = QHBoxLayout()
        urgent_buttons.addWidget(self.save_urgent_button)
        urgent_buttons.addWidget(self.urgent_message, 1)
        urgent_box = QGroupBox(self.tr("Urgent items (YJ12345 art. 9 item 2)"))
        urgent_layout = QVBoxLayout(urgent_box)
        urgent_layout.addWidget(
            note_label(
                self.tr(
                    "Requests that match one of these items when registered are handled as urgent (time limits in minutes). One per line."
                )
            )
        )
        urgent_layout.addWidget(self.urgent, 1)
        urgent_layout.addLayout(urgent_buttons)

        layout = QGridLayout(self)
        layout.addWidget(schedule_box, 0, 0)
        layout.addWidget(profiles_box, 0, 1)
        layout.addWidget(urgent_box, 1, 0, 1, 2)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)
        layout.setRowStretch(0, 1)
        layout.setRowStretch(1, 1)

        self.schedule_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.load()

    # ----- reading ------------------------------------------------------------------------

    def load(self) -> None:
        self.profiles = {p.key: p for p in admin.profiles(self.svc)}
        self.profile_model.set_records(list(self.profiles.values()))
        fit_columns(self.profile_table)
        warnings = [p.lapse_warning for p in self.profiles.values() if p.lapse_warning]
        if warnings:
            self.lapse_note.warn("\n".join(warnings))
        else:
            self.lapse_note.note(self.tr("Every rule profile is valid."))
        self.entries = admin.profile_schedule(self.svc)
        self._show_entries()
        self.urgent.setPlainText("\n".join(admin.urgent_list(self.svc)))

    def _show_entries(self) -> None:
        today = self.svc.today()
        started = [start for start, _ in self.entries if start <= today]
        in_force = max(started) if started else None
        self.schedule_model.set_records(
            [
                ScheduleRow(start, self.profiles[key], start == in_force)
                for start, key in sorted(self.entries)
                if key in self.profiles
            ]
        )
        fit_columns(self.schedule_table)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(selected_row(self.schedule_table) is not None)

    # ----- editing ------------------------------------------------------------------------

    def add_entry(self) -> None:
        dialog = ScheduleEntryDialog(
            list(self.profiles.values()),
            {start for start, _ in self.entries},
            self.svc.today(),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog

        def added() -> None:
            assert dialog.entry is not None
            self.entries.append(dialog.entry)
            self._show_entries()
            self.schedule_message.note(
                translate("Settings", "Added; applies once you click “Save schedule”.")
            )

        dialog.accepted.connect(added)
        dialog.finished.connect(self._forget_dialog)
        dialog.open()

    def _forget_dialog(self) -> None:
        self.dialog = None

    def remove_entry(self) -> None:
        row = selected_row(self.schedule_table)
        if row is None:
            return
        removed = self.schedule_model.record(row)
        self.entries = [(s, k) for s, k in self.entries if s != removed.start]
        self._show_entries()
        self.schedule_message.note(self.tr("Deleted; applies once you click “Save schedule”."))

    def save_schedule(self) -> None:
        try:
            admin.save_profile_schedule(self.svc, self.actor, self.entries)
        except DomainError as exc:
            self.schedule_message.error(str(exc))
            return
        self.load()
        self.schedule_message.ok(self.tr("Rule profile schedule saved."))
        self.saved.emit()

    def save_urgent(self) -> None:
        items = self.urgent.toPlainText().splitlines()
        try:
            admin.save_urgent_list(self.svc, self.actor, items)
        except DomainError as exc:
            self.urgent_message.error(str(exc))
            return
        self.urgent.setPlainText("\n".join(admin.urgent_list(self.svc)))
        self.urgent_message.ok(self.tr("Urgent item list saved."))
        self.saved.emit()
