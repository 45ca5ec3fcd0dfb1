"""Small pieces of the registration form: the text helper, required-field labels, field messages."""

from __future__ import annotations

from enum import Enum
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.services.forms import FieldCheck

# Colour is never alone (DESIGN "Interface conventions"): each tone comes with a sign or a word.
ERROR_COLOUR = "#b02a37"
OK_COLOUR = "#146c43"
HINT_COLOUR = "#5c636a"
REQUIRED_MARK = "*"


CONTEXT = "Registration"


def _t(text: str) -> str:
    """A string of the registration package in the chosen language.

    Module-level constants are marked with ``QT_TRANSLATE_NOOP("Registration", ...)`` (which is
    what lupdate finds) and shown through this; strings inside widgets use ``self.tr``.
    """
    return QCoreApplication.translate(CONTEXT, text)


class FieldLabel(QLabel):
    """A field's caption: bold with a red * when the current kind requires the field."""

    def __init__(self, text: str, buddy: QWidget | None = None) -> None:
        super().__init__()
        self.caption = text
        self.required = False
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if buddy is not None:
            self.setBuddy(buddy)
        self._render()

    def set_required(self, required: bool) -> None:
        if required != self.required:
            self.required = required
            self._render()

    def _render(self) -> None:
        caption = escape(self.caption)
        if self.required:
            self.setText(
                f"<b>{caption}</b><span style='color:{ERROR_COLOUR}'>{REQUIRED_MARK}</span>"
            )
            self.setToolTip(self.tr("Required"))
        else:
            # The same width as a required caption, so the fields do not shift with the kind.
            self.setText(f"{caption}<span style='color:transparent'>{REQUIRED_MARK}</span>")
            self.setToolTip("")


def caption_width(captions: list[str]) -> int:
    """The width of the widest caption when marked required (bold, with its *)."""
    widths = []
    for caption in captions:
        label = FieldLabel(caption)
        label.set_required(True)
        widths.append(label.sizeHint().width())
    return max(widths, default=0)


class Tone(Enum):
    HINT = "hint"
    OK = "ok"
    ERROR = "error"


class FieldMessage(QLabel):
    """The line under a field: a calm hint while typing, ✓ when right, ⚠ and red when wrong."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tone = Tone.HINT
        self.hide()

    def show_message(self, text: str, tone: Tone = Tone.HINT) -> None:
        self.tone = tone
        if not text:
            self.clear()
            self.hide()
            return
        sign = {Tone.OK: "✓ ", Tone.ERROR: "⚠ ", Tone.HINT: ""}[tone]
        colour = {Tone.OK: OK_COLOUR, Tone.ERROR: ERROR_COLOUR, Tone.HINT: HINT_COLOUR}[tone]
        self.setText(sign + text)
        self.setStyleSheet(f"color: {colour};")
        self.show()

    def show_check(self, check: FieldCheck) -> None:
        if check.ok:
            self.show_message(check.message, Tone.OK)
        elif check.pending:
            self.show_message(check.message, Tone.HINT)
        else:
            self.show_message(check.message, Tone.ERROR)

    def show_error(self, text: str) -> None:
        self.show_message(text, Tone.ERROR)

    @property
    def is_error(self) -> bool:
        return not self.isHidden() and self.tone is Tone.ERROR

    def reset(self) -> None:
        self.show_message("")
