"""The 登记 page: a citizen's submission typed in at the counter, checked as typed, saved with its receipt.

Keyboard first (DESIGN "Interface conventions"): Tab walks the fields in reading order, Enter
saves and prints the receipt (in the multi-line 诉求内容 Enter starts a new line and Ctrl+Enter
saves), Ctrl+S saves from anywhere, Esc clears after asking. What the current kind requires is
marked with a bold caption and a red * and listed in the side panel; 保存 stays disabled, with
the reason beside it, until the form can be registered.
"""

from __future__ import annotations

import itertools
import re
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.users import Actor
from app.domain.vocabulary import Channel, HazardCategory, Kind, Priority
from app.services.context import Services
from app.services.forms import (
    EMERGENCY_ARTICLE,
    anonymous_allowed,
    emergency_hint,
    field_label,
    missing_fields,
    required_fields,
)
from app.services.registration import RegistrationForm
from app.services.settings import get_setting
from ui.background import BackgroundTask, Failure, run_in_background, show_failure
from ui.i18n import QT_TRANSLATE_NOOP
from ui.printing.preview import PdfPreviewDialog
from ui.registration.attachments import AttachmentBox, local_files
from ui.registration.dialogs import CHINESE_ORDINALS, MaterialsDialog, RefusalDialog
from ui.registration.duplicates import DuplicatePanel
from ui.registration.emergency import EmergencyTransferDialog
from ui.registration.flow import Decision, Outcome, submit
from ui.registration.submitter import SubmitterEditor
from ui.registration.widgets import OK_COLOUR, FieldLabel, FieldMessage, _t, caption_width

SIDE_PANEL_WIDTH = 360
CONTENT_LINES = 4
MAX_JOINT = 9  # a joint report of ten people fills the form; more come as an attachment list
URGENT_STYLE = "color: #664d03; background: #fff0c2; padding: 6px 8px; border-radius: 3px;"
EMERGENCY_STYLE = (
    "color: #1f3b5a; background: #eef4fb; border: 1px solid #c9dcf0;"
    " border-radius: 3px; padding: 8px;"
)
NOTE_STYLE = "color: #5c636a;"

ARTICLE_NAMES = {"JY12345 art. 6": QT_TRANSLATE_NOOP("Registration", "JY12345 art. 6")}
BUSY_TEXT = QT_TRANSLATE_NOOP("Registration", "Registering, please wait…")
SAVE_TEXT = QT_TRANSLATE_NOOP("Registration", "Save and print the receipt")
READY_TEXT = QT_TRANSLATE_NOOP(
    "Registration", "Ready to save: press Enter to save and print the receipt"
)
NOT_READY_TEXT = QT_TRANSLATE_NOOP("Registration", "Cannot save yet: {problem}")
MORE_PROBLEMS = QT_TRANSLATE_NOOP("Registration", " ({count} more)")
URGENT_TEXT = QT_TRANSLATE_NOOP(
    "Registration",
    "What counts as urgent is this centre's list of urgent items (YJ12345 art. 9): {items}.",
)
CIRCLED_NUMBERS = "①②③④⑤⑥⑦⑧⑨⑩"
NO_HAZARD = QT_TRANSLATE_NOOP("Registration", "No fire hazard involved (ordinary tip-off)")
KEY_HELP = QT_TRANSLATE_NOOP(
    "Registration",
    "Tab next field   Shift+Tab previous field\n"
    "Enter saves and prints the receipt (a new line in Request; save there with Ctrl+Enter)\n"
    "Ctrl+S save   Esc clear",
)


def _hazard_text(category: HazardCategory) -> str:
    return f"（{CHINESE_ORDINALS[category.value - 1]}）{category.label}"


def _text_of(widget: QLineEdit | QPlainTextEdit) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


class RegistrationPage(QWidget):
    """What the navigation shell embeds as 登记; ``registered`` carries each new case's id."""

    registered = Signal(int)

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.task: BackgroundTask[Outcome] | None = None
        self.last_outcome: Outcome | None = None
        self.last_preview: PdfPreviewDialog | None = None
        self.decision_dialog: QDialog | None = None
        self.clear_confirm: QMessageBox | None = None
        self.joint_editors: list[SubmitterEditor] = []
        self._problems: list[tuple[QWidget, str]] = []
        self._shown_once = False
        # One short read of a small table when the page is built: the centre's urgent list.
        self.urgent_items: list[str] = [str(i) for i in get_setting(svc, "urgent_list") or []]

        self.duplicate_panel = DuplicatePanel(svc)
        self.form_widget = QWidget()
        form = QVBoxLayout(self.form_widget)
        form.setContentsMargins(0, 0, 8, 0)
        form.addWidget(self._type_box())
        form.addWidget(self._people_box())
        form.addWidget(self._facts_box())
        form.addWidget(self._tip_off_box())
        form.addWidget(self._attachments_box())
        form.addStretch(1)
        # One caption column for every box, so that all fields start at the same x.
        self.label_width = caption_width([label.caption for label in self.fact_labels.values()])
        for grid in self._fact_grids:
            grid.setColumnMinimumWidth(0, self.label_width)
            grid.setColumnMinimumWidth(2, self.label_width)
        self.lead.set_label_width(self.label_width)
        scroll = QScrollArea()
        scroll.setWidget(self.form_widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area = scroll

        body = QHBoxLayout()
        body.addWidget(scroll, 1)
        body.addWidget(self._side_panel())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(body, 1)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(rule)
        layout.addLayout(self._action_bar())

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self._enter_pressed)
        self.setAcceptDrops(True)

        # A shell that gives the page the keyboard gives it to the first field.
        self.setFocusProxy(self.kind_combo)
        self._kind_changed()
        self._priority_changed()

    # ----- construction -------------------------------------------------------------------

    @staticmethod
    def _combo(items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def _type_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Request type"))
        self.kind_combo = self._combo([(k.label, k.value) for k in Kind])
        self.priority_combo = self._combo([(p.label, p.value) for p in Priority])
        self.channel_combo = self._combo([(c.label, c.value) for c in Channel])
        row = QHBoxLayout()
        for caption, combo in (
            (self.tr("Type"), self.kind_combo),
            (self.tr("Urgency"), self.priority_combo),
            (self.tr("Channel"), self.channel_combo),
        ):
            label = FieldLabel(caption, combo)
            label.set_required(True)
            row.addWidget(label)
            row.addWidget(combo)
            row.addSpacing(16)
        row.addStretch(1)
        self.urgent_hint = QLabel()
        self.urgent_hint.setWordWrap(True)
        self.urgent_hint.setStyleSheet(URGENT_STYLE)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.urgent_hint)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.priority_combo.currentIndexChanged.connect(self._priority_changed)
        return box

    def _people_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Requester"))
        self.anonymous_check = QCheckBox(
            self.tr("Register anonymously (no name or contact details)")
        )
        self.anonymous_note = QLabel()
        self.anonymous_note.setStyleSheet(NOTE_STYLE)
        self.lead = SubmitterEditor(0)
        self.joint_layout = QVBoxLayout()
        self.joint_layout.setContentsMargins(0, 0, 0, 0)
        self.add_joint_button = QPushButton(self.tr("Add co-signer"))
        self.add_joint_button.setAutoDefault(True)
        self.add_joint_button.setToolTip(
            self.tr(
                "For a joint report or a request from several people, add the other requesters one by one"
            )
        )
        self.submitters_message = FieldMessage()
        top = QHBoxLayout()
        top.addWidget(self.anonymous_check)
        top.addSpacing(12)
        top.addWidget(self.anonymous_note, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_joint_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(top)
        layout.addWidget(self.lead)
        layout.addLayout(self.joint_layout)
        layout.addLayout(bottom)
        layout.addWidget(self.submitters_message)
        self.anonymous_check.toggled.connect(self._anonymous_toggled)
        self.add_joint_button.clicked.connect(self.add_joint_submitter)
        self.lead.changed.connect(self._revalidate)
        return box

    def _fact(
        self,
        grid: QGridLayout,
        key: str,
        caption: str,
        widget: QWidget,
        row: int,
        column: int,
        span: int = 1,
    ) -> None:
        """A caption, its field and the message line under it, at (row, column) of a 4-wide grid."""
        label = FieldLabel(caption, widget)
        message = FieldMessage()
        if isinstance(widget, QPlainTextEdit):
            # Level with the first line of text, not the middle of the box.
            label.setContentsMargins(0, 4, 0, 0)
            grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
        else:
            grid.addWidget(label, row, column)
        grid.addWidget(widget, row, column + 1, 1, span)
        grid.addWidget(message, row + 1, column + 1, 1, span)
        self.fact_labels[key] = label
        self.fact_messages[key] = message
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            self.fact_edits[key] = widget
            widget.textChanged.connect(lambda: self._fact_edited(key))

    def _facts_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Facts of the request"))
        self.fact_labels: dict[str, FieldLabel] = {}
        self.fact_messages: dict[str, FieldMessage] = {}
        self.fact_edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._fact_grids: list[QGridLayout] = []
        self.occurred_edit = QLineEdit()
        self.occurred_edit.setPlaceholderText(
            self.tr("e.g. after 10 pm on 20 January; every night for the past week")
        )
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("Street, house number or a landmark"))
        self.content_edit = QPlainTextEdit()
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setFixedHeight(
            self.content_edit.fontMetrics().lineSpacing() * CONTENT_LINES + 14
        )
        self.content_edit.setToolTip(
            self.tr("Enter starts a new line; Ctrl+Enter saves and prints the receipt")
        )
        self.request_edit = QLineEdit()
        self.request_edit.setPlaceholderText(self.tr("What the requester wants done"))
        grid = QGridLayout(box)
        grid.setVerticalSpacing(4)
        self._fact_grids.append(grid)
        self._fact(grid, "occurred", self.tr("When"), self.occurred_edit, 0, 0)
        self._fact(grid, "place", self.tr("Where"), self.place_edit, 0, 2)
        self._fact(grid, "content", self.tr("Request"), self.content_edit, 2, 0, 3)
        self._fact(grid, "request", self.tr("Wanted outcome"), self.request_edit, 4, 0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def _tip_off_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Tip-off details"))
        self.hazard_combo = QComboBox()
        self.hazard_combo.addItem(_t(NO_HAZARD), 0)
        for category in HazardCategory:
            self.hazard_combo.addItem(_hazard_text(category), category.value)
        self.hazard_note = QLabel(
            self.tr(
                "Handled as a fire hazard tip-off (FIRE art. 4). To claim a reward later, the "
                "reporter must give their real name, ID number and phone number (FIRE art. 8)."
            )
        )
        self.hazard_note.setWordWrap(True)
        self.hazard_note.setStyleSheet(NOTE_STYLE)
        self.unit_name_edit = QLineEdit()
        self.unit_name_edit.setPlaceholderText(self.tr("Full name of the unit or premises"))
        self.unit_address_edit = QLineEdit()
        self.unit_address_edit.setPlaceholderText(
            self.tr("e.g. 12 Dongfeng Road, Jiangcheng District")
        )
        self.evidence_edit = QLineEdit()
        self.evidence_edit.setPlaceholderText(
            self.tr("Photos, videos, witnesses…; attachments can be added below")
        )
        grid = QGridLayout(box)
        grid.setVerticalSpacing(4)
        self._fact_grids.append(grid)
        self._fact(
            grid, "hazard_category", self.tr("Fire hazard category"), self.hazard_combo, 0, 0, 3
        )
        grid.addWidget(self.hazard_note, 2, 1, 1, 3)
        self._fact(grid, "reported_unit_name", self.tr("Reported unit"), self.unit_name_edit, 3, 0)
        self._fact(
            grid,
            "reported_unit_address",
            self.tr("Reported unit's address"),
            self.unit_address_edit,
            3,
            2,
        )
        self._fact(grid, "evidence", self.tr("Evidence"), self.evidence_edit, 5, 0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.tip_off_box = box
        self.hazard_note.hide()  # until a category is chosen
        self.hazard_combo.currentIndexChanged.connect(self._hazard_changed)
        self.unit_name_edit.textChanged.connect(self._search_duplicates)
        self.unit_address_edit.textChanged.connect(self._search_duplicates)
        return box

    def _attachments_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Attachments"))
        self.attachments = AttachmentBox()
        layout = QVBoxLayout(box)
        layout.addWidget(self.attachments)
        return box

    def _side_panel(self) -> QWidget:
        panel = QWidget()
        panel.setFixedWidth(SIDE_PANEL_WIDTH)
        self.checklist_box = QGroupBox()
        self.checklist = QLabel()
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        self.checklist.setWordWrap(True)
        checklist_layout = QVBoxLayout(self.checklist_box)
        checklist_layout.addWidget(self.checklist)

        self.result_box = QGroupBox(self.tr("Case just registered"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.result_box).addWidget(self.result_label)
        self.result_box.hide()

        article = _t(ARTICLE_NAMES.get(EMERGENCY_ARTICLE, EMERGENCY_ARTICLE))
        heading = self.tr("Emergency")
        self.emergency_label = QLabel(
            f"<b>{escape(heading)}</b><br>{escape(emergency_hint())}"
            f"<br><span style='color:#5c636a'>{escape(article)}</span>"
        )
        self.emergency_label.setWordWrap(True)
        self.emergency_label.setStyleSheet(EMERGENCY_STYLE)
        self.emergency_button = QPushButton(self.tr("Record emergency transfer (&J)…"))
        self.emergency_button.clicked.connect(self.record_emergency)
        keys = QLabel(_t(KEY_HELP))
        keys.setWordWrap(True)
        keys.setStyleSheet(NOTE_STYLE)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.checklist_box)
        layout.addWidget(self.result_box)
        layout.addWidget(self.duplicate_panel)
        layout.addWidget(self.emergency_label)
        layout.addWidget(self.emergency_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(keys)
        # Takes the spare height unless a list of candidates does: hints stay at the top.
        self.side_stretch = QWidget()
        layout.addWidget(self.side_stretch, 1)
        self.side_layout = layout
        self.duplicate_panel.listed.connect(self._duplicates_listed)
        return panel

    def record_emergency(self) -> EmergencyTransferDialog:
        """JY12345 art. 6: the hand-over to 110/119/120 is recorded, not registered as a case."""
        dialog = EmergencyTransferDialog(self.svc, self.actor, self)
        dialog.accepted.connect(
            lambda: self.status_label.setText(
                self.tr("Emergency transfer recorded: {line}").format(
                    line=dialog.line.currentText()
                )
            )
        )
        dialog.open()
        return dialog

    def _action_bar(self) -> QHBoxLayout:
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton(_t(SAVE_TEXT))
        self.save_button.setToolTip(
            self.tr(
                "Register and issue the acceptance receipt; preview, then print (Enter / Ctrl+S)"
            )
        )
        self.save_button.setDefault(True)
        self.refuse_button = QPushButton(self.tr("Refuse…"))
        self.refuse_button.setToolTip(
            self.tr(
                "Refuse on one of the seven grounds; a Notice of Refusal is issued after registering (YJ12345 art. 6)"
            )
        )
        self.materials_button = QPushButton(self.tr("Incomplete materials…"))
        self.materials_button.setToolTip(
            self.tr(
                "Name every material to supplement at once; a One-time Notice of Materials to Supplement is issued after registering"
            )
        )
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear the form for the next visitor (Esc)"))
        for button in (self.refuse_button, self.materials_button, self.clear_button):
            button.setAutoDefault(True)  # Enter on a focused button presses that button
        self.save_button.clicked.connect(self._enter_pressed)
        self.refuse_button.clicked.connect(self.open_refusal)
        self.materials_button.clicked.connect(self.open_materials)
        self.clear_button.clicked.connect(self.ask_clear)
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        row.addWidget(self.clear_button)
        row.addWidget(self.materials_button)
        row.addWidget(self.refuse_button)
        row.addWidget(self.save_button)
        return row

    def _chain_tab_order(self) -> None:
        """Reading order: type, people, facts, tip-off, attachments, duplicates, then the buttons."""
        chain: list[QWidget] = [
            self.kind_combo,
            self.priority_combo,
            self.channel_combo,
            self.anonymous_check,
            *self.lead.focus_order(),
        ]
        for editor in self.joint_editors:
            chain.extend(editor.focus_order())
        chain += [
            self.add_joint_button,
            self.occurred_edit,
            self.place_edit,
            self.content_edit,
            self.request_edit,
            self.hazard_combo,
            self.unit_name_edit,
            self.unit_address_edit,
            self.evidence_edit,
            self.duplicate_panel.list,
            self.attachments.add_button,
            self.attachments.list,
            self.attachments.remove_button,
            self.save_button,
            self.refuse_button,
            self.materials_button,
            self.clear_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ----- state --------------------------------------------------------------------------

    @property
    def kind(self) -> Kind:
        return Kind(self.kind_combo.currentData())

    @property
    def anonymous(self) -> bool:
        return self.anonymous_check.isChecked() and anonymous_allowed(self.kind)

    @property
    def busy(self) -> bool:
        return self.task is not None

    @property
    def hazard_category(self) -> HazardCategory | None:
        value = self.hazard_combo.currentData()
        return HazardCategory(value) if value else None

    def editors(self) -> list[SubmitterEditor]:
        return [self.lead, *self.joint_editors]

    def problems(self) -> list[str]:
        """Why the form cannot be saved yet, in the order of the form (empty: ready)."""
        return [text for _, text in self._problems]

    def fact_values(self) -> dict[str, str]:
        values = {key: _text_of(edit) for key, edit in self.fact_edits.items()}
        values["name"] = self.lead.name_edit.text()
        values["phone"] = self.lead.phone_edit.text()
        return values

    def has_input(self) -> bool:
        return (
            any(_text_of(edit).strip() for edit in self.fact_edits.values())
            or any(editor.has_input() for editor in self.editors())
            or bool(self.attachments.paths)
            or self.hazard_category is not None
            or self.anonymous_check.isChecked()
        )

    def build_form(self) -> RegistrationForm:
        """The form as plain values for the service; tip-off fields only for a tip-off."""
        kind = self.kind
        tip_off = kind is Kind.TIP_OFF
        return RegistrationForm(
            kind=kind,
            content=self.content_edit.toPlainText(),
            priority=Priority(self.priority_combo.currentData()),
            channel=Channel(self.channel_combo.currentData()),
            submitters=[] if self.anonymous else [e.person() for e in self.editors()],
            occurred=self.occurred_edit.text(),
            place=self.place_edit.text(),
            request=self.request_edit.text(),
            reported_unit_name=self.unit_name_edit.text() if tip_off else "",
            reported_unit_address=self.unit_address_edit.text() if tip_off else "",
            hazard_category=self.hazard_category if tip_off else None,
            evidence=self.evidence_edit.text() if tip_off else "",
            attachments=self.attachments.paths,
        )

    # ----- live checks ----------------------------------------------------------------------

    def _kind_changed(self) -> None:
        kind = self.kind
        allowed = anonymous_allowed(kind)
        self.anonymous_check.setEnabled(allowed)
        if not allowed:
            self.anonymous_check.setChecked(False)
            self.anonymous_note.setText(
                self.tr(
                    "A {kind} needs the requester's name and contact details and cannot be anonymous (YJ12345 art. 7)"
                ).format(kind=kind.label)
            )
        else:
            self.anonymous_note.setText(
                self.tr("A {kind} may be registered anonymously").format(kind=kind.label)
            )
        tip_off = kind is Kind.TIP_OFF
        self.tip_off_box.setVisible(tip_off)
        self.duplicate_panel.setVisible(tip_off)
        self._duplicates_listed(self.duplicate_panel.list.count() if tip_off else 0)
        self.content_edit.setPlaceholderText(
            self.tr("What is reported: where the hazard is, what it is, how long it has lasted")
            if tip_off
            else self.tr("What happened: when, where, and what")
        )
        if tip_off:
            self._search_duplicates()
        self._chain_tab_order()
        self._revalidate()

    def _priority_changed(self) -> None:
        urgent = self.priority_combo.currentData() == Priority.URGENT.value
        if urgent:
            # One paragraph, not one line per item: the form should not jump by five lines.
            items = "；".join(
                f"{CIRCLED_NUMBERS[i] if i < len(CIRCLED_NUMBERS) else '·'}{item}"
                for i, item in enumerate(self.urgent_items)
            )
            self.urgent_hint.setText(_t(URGENT_TEXT).format(items=items))
        self.urgent_hint.setVisible(urgent)

    def _anonymous_toggled(self) -> None:
        named = not self.anonymous
        for editor in self.editors():
            editor.setEnabled(named)
        self.add_joint_button.setEnabled(named and len(self.joint_editors) < MAX_JOINT)
        self.submitters_message.reset()
        self._revalidate()

    def _hazard_changed(self) -> None:
        self.hazard_note.setVisible(self.hazard_category is not None)
        self.fact_messages["hazard_category"].reset()
        self._search_duplicates()

    def _search_duplicates(self) -> None:
        if self.kind is Kind.TIP_OFF:
            self.duplicate_panel.search(
                self.unit_name_edit.text(), self.unit_address_edit.text(), self.hazard_category
            )

    def _duplicates_listed(self, count: int) -> None:
        # A list of candidates takes the spare height; a one-line note does not.
        self.side_layout.setStretchFactor(self.duplicate_panel, 1 if count else 0)
        self.side_stretch.setVisible(not count)

    def _fact_edited(self, key: str) -> None:
        # A message from the service was about the text as it was.
        self.fact_messages[key].reset()
        self._revalidate()

    def _revalidate(self) -> None:
        kind = self.kind
        anonymous = self.anonymous
        required = set(required_fields(kind, anonymous=anonymous))
        for key, label in self.fact_labels.items():
            label.set_required(key in required)
        self.lead.set_required(name="name" in required, phone="phone" in required)
        for editor in self.joint_editors:
            # Each co-reporter is a named person; a call-back number is needed for the lead.
            editor.set_required(name=True, phone=False)

        problems: list[tuple[QWidget, str]] = []
        if not anonymous:
            for editor in self.editors():
                problems.extend(editor.problems())
        values = self.fact_values()
        for key in missing_fields(kind, values, anonymous=anonymous):
            if key in self.fact_edits:
                problems.append(
                    (
                        self.fact_edits[key],
                        self.tr("Please fill in {field}").format(field=field_label(key)),
                    )
                )
        self._problems = problems
        self._show_checklist(kind, anonymous, values)
        self._show_readiness()

    def _show_checklist(self, kind: Kind, anonymous: bool, values: dict[str, str]) -> None:
        self.checklist_box.setTitle(self.tr("Required for a {kind}").format(kind=kind.label))
        missing = set(missing_fields(kind, values, anonymous=anonymous))
        lines = []
        for key in required_fields(kind, anonymous=anonymous):
            label = escape(field_label(key))
            if key in missing:
                lines.append(f"○ {label}")
            else:
                lines.append(f"<span style='color:{OK_COLOUR}'>✓ {label}</span>")
        basis = self.tr("YJ12345 art. 7") + (
            self.tr(", FIRE art. 8") if kind is Kind.TIP_OFF else ""
        )
        note = (
            self.tr("May be anonymous; if named, the name is required")
            if anonymous_allowed(kind) and not anonymous
            else (
                self.tr("Anonymous")
                if anonymous
                else self.tr("The requester and a phone number are required")
            )
        )
        self.checklist.setText(
            "<br>".join(lines)
            + "<br><span style='color:#5c636a'>"
            + escape(self.tr("{note} ({basis})").format(note=note, basis=basis))
            + "</span>"
        )

    def _show_readiness(self) -> None:
        ready = not self._problems and not self.busy
        for button in (self.save_button, self.refuse_button, self.materials_button):
            button.setEnabled(ready)
        self.clear_button.setEnabled(not self.busy)
        if self.busy:
            self.status_label.setText(_t(BUSY_TEXT))
            self.status_label.setStyleSheet("")
            self.save_button.setToolTip("")
            return
        if self._problems:
            texts = self.problems()
            more = _t(MORE_PROBLEMS).format(count=len(texts) - 1) if len(texts) > 1 else ""
            self.status_label.setText(_t(NOT_READY_TEXT).format(problem=texts[0]) + more)
            self.status_label.setToolTip("\n".join(texts))
            self.status_label.setStyleSheet("color: #5c636a;")
        else:
            self.status_label.setText(_t(READY_TEXT))
            self.status_label.setToolTip("")
            self.status_label.setStyleSheet(f"color: {OK_COLOUR};")

    # ----- actions ------------------------------------------------------------------------

    def reload_settings(self) -> None:
        """Read the urgent list again (connect to the settings page's change signal)."""
        self.urgent_items = [str(i) for i in get_setting(self.svc, "urgent_list") or []]
        self._priority_changed()

    def focus_first_field(self) -> None:
        self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_joint_submitter(self) -> SubmitterEditor | None:
        if len(self.joint_editors) >= MAX_JOINT or self.anonymous:
            return None
        editor = SubmitterEditor(len(self.joint_editors) + 1)
        editor.set_label_width(self.label_width)
        editor.changed.connect(self._revalidate)
        editor.remove_requested.connect(self.remove_joint_submitter)
        self.joint_editors.append(editor)
        self.joint_layout.addWidget(editor)
        self.add_joint_button.setEnabled(len(self.joint_editors) < MAX_JOINT)
        self._chain_tab_order()
        self._revalidate()
        editor.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(editor)
        return editor

    def remove_joint_submitter(self, editor: SubmitterEditor) -> None:
        if editor not in self.joint_editors:
            return
        index = self.joint_editors.index(editor)
        self.joint_editors.remove(editor)
        self.joint_layout.removeWidget(editor)
        editor.hide()
        editor.deleteLater()
        for position, other in enumerate(self.joint_editors, start=1):
            other.set_position(position)
        self.add_joint_button.setEnabled(not self.anonymous)
        self._chain_tab_order()
        self._revalidate()
        following = self.joint_editors[index] if index < len(self.joint_editors) else None
        (following.name_edit if following else self.add_joint_button).setFocus()

    def _enter_pressed(self) -> None:
        """Enter / Ctrl+S / 保存: save if the form is ready, else go to the first thing missing."""
        if self.busy:
            return
        self._revalidate()
        if self._problems:
            widget, _ = self._problems[0]
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.ensureWidgetVisible(widget)
            return
        self.start(None)

    def open_refusal(self) -> RefusalDialog | None:
        if self.busy or self._problems or self.decision_dialog is not None:
            return None
        earlier = self.duplicate_panel.numbers() if self.kind is Kind.TIP_OFF else []
        dialog = RefusalDialog(self, earlier)
        dialog.accepted.connect(lambda: self.start(dialog.refusal()))
        self._open_decision(dialog)
        return dialog

    def open_materials(self) -> MaterialsDialog | None:
        if self.busy or self._problems or self.decision_dialog is not None:
            return None
        dialog = MaterialsDialog(self)
        dialog.accepted.connect(lambda: self.start(dialog.missing_materials()))
        self._open_decision(dialog)
        return dialog

    def _open_decision(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._forget_decision)
        self.decision_dialog = dialog
        dialog.open()

    def _forget_decision(self) -> None:
        self.decision_dialog = None

    def start(self, decision: Decision) -> BackgroundTask[Outcome] | None:
        """Register (and refuse / request materials) in the background, then preview the document."""
        if self.busy:
            return None
        form = self.build_form()
        tip_off = self.kind is Kind.TIP_OFF
        link_to = tuple(self.duplicate_panel.checked_case_ids()) if tip_off else ()
        numbers = {c.case_id: c.number for c in self.duplicate_panel.candidates}
        self._clear_service_errors()
        svc, actor = self.svc, self.actor
        self.task = run_in_background(
            self,
            lambda token, report: submit(
                svc, actor, form, decision=decision, link_to=link_to, link_numbers=numbers
            ),
            on_success=self._submitted,
            on_failure=self._submit_failed,
        )
        self.form_widget.setEnabled(False)
        self._show_readiness()
        return self.task

    def _end_task(self) -> None:
        self.task = None
        self.form_widget.setEnabled(True)

    def _submitted(self, outcome: Outcome) -> None:
        self._end_task()
        self.last_outcome = outcome
        registered = outcome.registered
        state = self.tr("Registered")
        if outcome.document is not None:
            state = self.tr("{document} issued").format(document=outcome.document.title)
        lines = [
            f"<b>{escape(registered.number)}</b>",
            escape(self.tr("Query code {code}").format(code=registered.query_code)),
            escape(state),
        ]
        lines += [f"<span style='color:#b02a37'>⚠ {escape(p)}</span>" for p in outcome.problems]
        self.result_label.setText("<br>".join(lines))
        self.result_box.show()
        note = self.tr("Case {number} registered, query code {code}.").format(
            number=registered.number, code=registered.query_code
        )
        if outcome.problems:
            note += "\n" + "\n".join(outcome.problems)
        if outcome.document is not None:
            document = outcome.document
            preview = PdfPreviewDialog(
                self, f"{document.title}（{document.number_text}）", document.pdf, note=note
            )
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.destroyed.connect(self._forget_preview)
            self.last_preview = preview
            preview.open()
        else:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Registered, but some steps were not completed"),
                note
                + "\n"
                + self.tr(
                    "Please continue in the case details, or print the documents again there."
                ),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        # The next citizen: an empty form, the cursor on the first field.
        self.clear()
        self.registered.emit(registered.case_id)

    def _forget_preview(self) -> None:
        self.last_preview = None

    def _submit_failed(self, failure: Failure) -> None:
        self._end_task()
        error = failure.error
        field = error.field if isinstance(error, ValidationError) else ""
        widget = self.show_service_error(field, failure.message) if field else None
        self._revalidate()
        if widget is None:
            show_failure(self, failure, self.tr("Cannot register"))
            return
        self.status_label.setText(self.tr("Not saved: {message}").format(message=failure.message))
        self.status_label.setStyleSheet("color: #b02a37;")
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(widget)

    def show_service_error(self, field: str, message: str) -> QWidget | None:
        """Show a service's ValidationError next to the field it names; None if no field fits."""
        match = re.fullmatch(r"submitters\[(\d+)\]\.(\w+)", field)
        editors = self.editors()
        if match:
            index = int(match.group(1))
            if index < len(editors):
                return editors[index].show_service_error(match.group(2), message)
        if field in ("document_number", "phone"):
            # The service does not say whose: the first person whose field fails the check.
            def fails(editor: SubmitterEditor) -> bool:
                check = editor.phone_check() if field == "phone" else editor.doc_check()
                return not check.ok

            editor = next((e for e in editors if fails(e)), self.lead)
            return editor.show_service_error(field, message)
        if field == "submitters":
            self.submitters_message.show_error(message)
            return self.lead.name_edit
        if field in self.fact_messages:
            self.fact_messages[field].show_error(message)
            return self.fact_edits.get(field, self.hazard_combo)
        if field == "attachments":
            self.attachments.message.show_error(message)
            return self.attachments.add_button
        return None

    def _clear_service_errors(self) -> None:
        for message in self.fact_messages.values():
            message.reset()
        self.submitters_message.reset()

    def ask_clear(self) -> QMessageBox | None:
        """Esc / 清空: empty the form, after asking when something has been typed."""
        if self.busy or self.clear_confirm is not None:
            return None
        if not self.has_input():
            self.clear()
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Clear the registration form"),
            self.tr("What has been filled in is not saved. Clear it anyway?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Clear"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep editing"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_confirm)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self.clear() if button == yes else None)
        self.clear_confirm = box
        box.open()
        return box

    def _forget_confirm(self) -> None:
        self.clear_confirm = None

    def clear(self) -> None:
        """An empty form for the next citizen; the channel stays (a counter's channel rarely changes)."""
        for editor in list(self.joint_editors):
            self.joint_editors.remove(editor)
            self.joint_layout.removeWidget(editor)
            editor.hide()
            editor.deleteLater()
        self.lead.clear()
        self.anonymous_check.setChecked(False)
        for edit in self.fact_edits.values():
            edit.clear()
        self.hazard_combo.setCurrentIndex(0)
        self.attachments.clear()
        self.duplicate_panel.clear()
        self._clear_service_errors()
        self.priority_combo.setCurrentIndex(0)
        self.kind_combo.setCurrentIndex(0)
        self._anonymous_toggled()
        self._kind_changed()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.focus_first_field()

    # ----- Qt overrides ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Line edits, combos and check boxes pass Enter and Esc on to us; the multi-line
        # 诉求内容 keeps a plain Enter (a new line) and passes Ctrl+Enter.
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self._enter_pressed()
            return
        if key == Qt.Key.Key_Escape:
            event.accept()
            self.ask_clear()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.focus_first_field()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()) and not self.busy:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event.mimeData()) and not self.busy:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_files(event.mimeData())
        if not paths or self.busy:
            event.ignore()
            return
        event.acceptProposedAction()
        self.attachments.add_paths(paths)
        self.scroll_area.ensureWidgetVisible(self.attachments)
