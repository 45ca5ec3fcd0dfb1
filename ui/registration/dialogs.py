"""The one-step intake decisions at the counter: 不予受理 (a ground and the reason) and 材料不全."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.vocabulary import RefusalGround
from app.services.forms import COMMON_MISSING_MATERIALS, check_case_number
from ui.registration.flow import MissingMaterials, Refusal
from ui.registration.widgets import FieldLabel, FieldMessage, Tone

CHINESE_ORDINALS = "一二三四五六七八九十"
GROUND_ROLE = Qt.ItemDataRole.UserRole
DIALOG_WIDTH = 720


def ground_text(ground: RefusalGround) -> str:
    """As the rule lists them: （六）相关诉求正在办理或已办理完毕……"""
    return f"（{CHINESE_ORDINALS[ground.value - 1]}）{ground.label}"


def _text_box(placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, as everywhere on the form
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class _DecisionDialog(QDialog):
    """Shared frame: the message that says what is still missing, and the two buttons."""

    def __init__(self, parent: QWidget | None, title: str, confirm: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.problem = FieldMessage()
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(confirm)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setToolTip(
            self.tr("Back to the registration form; what has been filled in is kept (Esc)")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # In a text box Enter starts a new line; Ctrl+Enter confirms from anywhere.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.accept)

    def finish_layout(self) -> None:
        # When the message line hides, its room goes here rather than between the rows.
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.buttons)
        # The height the wrapped text needs at this width, so no gaps open between the rows.
        layout = self.layout_
        height = (
            layout.heightForWidth(DIALOG_WIDTH)
            if layout.hasHeightForWidth()
            else self.sizeHint().height()
        )
        self.resize(DIALOG_WIDTH, height)

    def problems(self) -> list[str]:
        raise NotImplementedError

    def _update(self) -> None:
        found = self.problems()
        self.ok_button.setEnabled(not found)
        self.problem.show_message(found[0] if found else "", Tone.HINT)

    def accept(self) -> None:
        if self.problems():
            return
        super().accept()


class RefusalDialog(_DecisionDialog):
    """不予受理: pick one of the seven grounds, write the reason; ground 6 names the earlier case."""

    def __init__(self, parent: QWidget | None, earlier_numbers: list[str] | None = None) -> None:
        super().__init__(parent, self.tr("Refuse"), self.tr("Refuse and print the notice"))
        intro = QLabel(
            self.tr(
                "Once registered, the case is recorded as refused and a Notice of Refusal is "
                "issued, stating the ground and the reason (YJ12345 art. 6)."
            )
        )
        intro.setWordWrap(True)
        self.ground_list = QListWidget()
        self.ground_list.setWordWrap(True)
        self.ground_list.setToolTip(
            self.tr("Up and down choose; Space selects the item under the cursor")
        )
        for ground in RefusalGround:
            item = QListWidgetItem(ground_text(ground))
            item.setData(GROUND_ROLE, ground.value)
            self.ground_list.addItem(item)
        rows = self.ground_list.sizeHintForRow(0) * len(RefusalGround)
        self.ground_list.setFixedHeight(rows + 2 * self.ground_list.frameWidth() + 4)
        ground_label = FieldLabel(self.tr("Ground for refusal"), self.ground_list)
        ground_label.set_required(True)
        ground_label.setAlignment(Qt.AlignmentFlag.AlignLeft)

        self.reason_edit = _text_box(
            self.tr("The reason explained to the requester; it is printed on the notice"), 3
        )
        reason_label = FieldLabel(self.tr("Reason"), self.reason_edit)
        reason_label.set_required(True)
        reason_label.setAlignment(Qt.AlignmentFlag.AlignLeft)

        self.related_combo = QComboBox()
        self.related_combo.setEditable(True)
        self.related_combo.addItems(earlier_numbers or [])
        self.related_combo.setCurrentIndex(-1)
        line = self.related_combo.lineEdit()
        assert line is not None  # an editable combo has its line edit
        line.setPlaceholderText(self.tr("e.g. TD01-20260105-0003"))
        self.related_label = FieldLabel(self.tr("Earlier case number"), self.related_combo)
        self.related_label.setAlignment(Qt.AlignmentFlag.AlignLeft)

        for widget in (
            intro,
            ground_label,
            self.ground_list,
            reason_label,
            self.reason_edit,
            self.related_label,
            self.related_combo,
        ):
            self.layout_.addWidget(widget)
        self.finish_layout()

        self.ground_list.itemSelectionChanged.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        line.textChanged.connect(self._update)
        self.ground_list.setFocus()
        self._update()

    @property
    def ground(self) -> RefusalGround | None:
        # The selected row, not the cursor: a ground is chosen, never assumed from focus.
        selected = self.ground_list.selectedItems()
        return RefusalGround(selected[0].data(GROUND_ROLE)) if selected else None

    def problems(self) -> list[str]:
        found: list[str] = []
        ground = self.ground
        if ground is None:
            found.append(self.tr("Please choose the ground for refusal"))
        if not self.reason_edit.toPlainText().strip():
            found.append(self.tr("Please fill in the reason"))
        if ground is RefusalGround.REPEAT:
            check = check_case_number(self.related_combo.currentText())
            if not check.ok:
                found.append(check.message or self.tr("Ground (6) needs the earlier case's number"))
        return found

    def _update(self) -> None:
        repeat = self.ground is RefusalGround.REPEAT
        self.related_combo.setEnabled(repeat)
        self.related_label.set_required(repeat)
        super()._update()

    def refusal(self) -> Refusal:
        ground = self.ground
        assert ground is not None  # accept() only closes a complete dialog
        related = ""
        if ground is RefusalGround.REPEAT:
            related = check_case_number(self.related_combo.currentText()).normalised
        return Refusal(ground, self.reason_edit.toPlainText().strip(), related)


class MaterialsDialog(_DecisionDialog):
    """材料不全: tick what is missing, add other items, one per line; told once (STD item 6)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(
            parent,
            self.tr("Incomplete materials — notice given once"),
            self.tr("Give notice once and print it"),
        )
        intro = QLabel(
            self.tr(
                "List every missing or wrong material at once. Once registered, a One-time Notice "
                "of Materials to Supplement is issued with the deadline; if nothing is supplied "
                "by then, the request counts as withdrawn (STD item 6)."
            )
        )
        intro.setWordWrap(True)
        self.checklist = QListWidget()
        for text in COMMON_MISSING_MATERIALS:
            item = QListWidgetItem(text)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            self.checklist.addItem(item)
        rows = self.checklist.sizeHintForRow(0) * len(COMMON_MISSING_MATERIALS)
        self.checklist.setFixedHeight(rows + 2 * self.checklist.frameWidth() + 4)
        self.checklist.setToolTip(self.tr("Up and down choose; Space ticks"))
        checklist_label = FieldLabel(
            self.tr("Common materials (tick the missing ones)"), self.checklist
        )
        checklist_label.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.other_edit = _text_box(self.tr("Other missing or wrong materials, one per line"), 3)
        other_label = FieldLabel(self.tr("Other materials"), self.other_edit)
        other_label.setAlignment(Qt.AlignmentFlag.AlignLeft)
        for widget in (intro, checklist_label, self.checklist, other_label, self.other_edit):
            self.layout_.addWidget(widget)
        self.finish_layout()

        self.checklist.itemChanged.connect(self._update)
        self.other_edit.textChanged.connect(self._update)
        self.checklist.setCurrentRow(0)
        self.checklist.setFocus()
        self._update()

    def items(self) -> list[str]:
        ticked = [
            self.checklist.item(row).text()
            for row in range(self.checklist.count())
            if self.checklist.item(row).checkState() == Qt.CheckState.Checked
        ]
        typed = [line.strip() for line in self.other_edit.toPlainText().splitlines()]
        return ticked + [line for line in typed if line]

    def problems(self) -> list[str]:
        return [] if self.items() else [self.tr("Please tick or fill in at least one missing item")]

    def missing_materials(self) -> MissingMaterials:
        return MissingMaterials(tuple(self.items()))
