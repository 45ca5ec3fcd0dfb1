"""The 打印 tab: the font folder (and which fonts were found); FolderField for folder settings."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.users import Actor
from app.services import admin, settings
from app.services.admin import FontReport
from app.services.context import Services
from ui.background import BackgroundTask, CancelToken, Failure, Report, run_in_background
from ui.i18n import translate
from ui.settings.common import WARNING_STYLE, Message, note_label


class FolderField(QWidget):
    """A folder path typed or chosen, with 选择… and 清除."""

    def __init__(self, title: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.path = QLineEdit()
        self.path.setPlaceholderText(placeholder)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.choose_button.clicked.connect(self.choose)
        self.clear_button.clicked.connect(self.path.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.clear_button)

    def text(self) -> str:
        return self.path.text().strip()

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.title, self.text())
        if folder:
            self.path.setText(folder)


def _describe(report: FontReport) -> str:
    lines = []
    if report.folder:
        if report.folder_fonts:
            lines.append(
                translate("Settings", "Usable fonts in the chosen folder ({count}):").format(
                    count=len(report.folder_fonts)
                )
            )
            lines += [f"　· {f.family}（{f.style}）— {f.path}" for f in report.folder_fonts]
        else:
            lines.append(
                translate(
                    "Settings",
                    "The chosen folder has no usable Chinese TrueType fonts (.ttf/.ttc); the system fonts will be used.",
                )
            )
    if report.roles:
        lines.append(translate("Settings", "Documents will use:"))
        for role, face in report.roles:
            where = (
                translate("Settings", "chosen folder")
                if face.from_folder
                else translate("Settings", "system fonts")
            )
            lines.append(f"　· {role}：{face.family}（{face.style}，{where}）— {face.path}")
    return "\n".join(lines)


class PrintingTab(QWidget):
    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.task: BackgroundTask[FontReport] | None = None
        self.report: FontReport | None = None
        self.folder = FolderField(
            self.tr("Choose the font folder"), self.tr("Empty: use the system fonts")
        )
        self.save_button = QPushButton(self.tr("Save"))
        self.check_button = QPushButton(self.tr("Check fonts"))
        self.save_button.clicked.connect(self.save)
        self.check_button.clicked.connect(self.check_fonts)
        self.message = Message()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.message, 1)

        self.fonts = QLabel(self.tr("Not checked yet."))
        self.fonts.setWordWrap(True)
        self.fonts_error = QLabel()
        self.fonts_error.setWordWrap(True)
        self.fonts_error.setStyleSheet(WARNING_STYLE)
        self.fonts_error.hide()
        found = QGroupBox(self.tr("Fonts found"))
        found_layout = QVBoxLayout(found)
        found_layout.addWidget(self.fonts)
        found_layout.addWidget(self.fonts_error)

        form = QFormLayout()
        form.addRow(self.tr("Font folder:"), self.folder)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                self.tr(
                    "The fonts are embedded in the documents' PDF, so any printer gives the same "
                    "result. By default this computer's system fonts are used (Windows: FangSong, "
                    "SimSun, SimHei; Debian: AR PL UMing, WenQuanYi Zen Hei). For the standard "
                    "official-document fonts (FZXiaoBiaoSong, FangSong_GB2312), put the .ttf/.ttc "
                    "files in a folder and choose it here. The printer is chosen in the system "
                    "print dialog each time."
                )
            )
        )
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(found)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        self.folder.path.setText(str(settings.get_setting(self.svc, "font_dir") or ""))

    def save(self) -> None:
        try:
            admin.set_font_dir(self.svc, self.actor, self.folder.text())
        except DomainError as exc:
            self.message.error(str(exc))
            return
        self.load()
        shown = self.folder.text() or self.tr("(system fonts)")
        self.message.ok(
            self.tr("Font folder saved: {folder}. New documents use it.").format(folder=shown)
        )
        self.saved.emit()
        self.check_fonts()

    def check_fonts(self) -> None:
        """Look for the fonts as printing will, off the GUI thread (it reads every font file)."""
        if self.task is not None:
            return
        folder = self.folder.text()

        def look(token: CancelToken, report: Report) -> FontReport:
            return admin.font_report(folder)

        self.check_button.setEnabled(False)
        self.fonts.setText(self.tr("Looking for fonts…"))
        self.task = run_in_background(
            self, look, on_success=self._show_report, on_failure=self._check_failed
        )

    def _show_report(self, report: FontReport) -> None:
        self.task = None
        self.report = report
        self.check_button.setEnabled(True)
        self.fonts.setText(_describe(report) or self.tr("No usable font found."))
        self.fonts_error.setText(report.error or "")
        self.fonts_error.setVisible(report.error is not None)

    def _check_failed(self, failure: Failure) -> None:
        self.task = None
        self.check_button.setEnabled(True)
        self.fonts.setText("")
        self.fonts_error.setText(failure.message)
        self.fonts_error.show()
