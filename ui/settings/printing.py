"""The 打印 and 备份 tabs: the font folder (and which fonts were found) and the backup location."""

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
from ui.settings.common import WARNING_STYLE, Message, note_label


class FolderField(QWidget):
    """A folder path typed or chosen, with 选择… and 清除."""

    def __init__(self, title: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.path = QLineEdit()
        self.path.setPlaceholderText(placeholder)
        self.choose_button = QPushButton("选择…")
        self.clear_button = QPushButton("清除")
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
            lines.append(f"所选文件夹中可用的字体（{len(report.folder_fonts)} 个）：")
            lines += [f"　· {f.family}（{f.style}）— {f.path}" for f in report.folder_fonts]
        else:
            lines.append("所选文件夹中没有可用的中文 TrueType 字体（.ttf/.ttc）；将使用系统字体。")
    if report.roles:
        lines.append("文书将使用：")
        for role, face in report.roles:
            where = "所选文件夹" if face.from_folder else "系统字体"
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
        self.folder = FolderField("选择字体文件夹", "留空：使用系统字体")
        self.save_button = QPushButton("保存")
        self.check_button = QPushButton("检查字体")
        self.save_button.clicked.connect(self.save)
        self.check_button.clicked.connect(self.check_fonts)
        self.message = Message()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.message, 1)

        self.fonts = QLabel("尚未检查。")
        self.fonts.setWordWrap(True)
        self.fonts_error = QLabel()
        self.fonts_error.setWordWrap(True)
        self.fonts_error.setStyleSheet(WARNING_STYLE)
        self.fonts_error.hide()
        found = QGroupBox("找到的字体")
        found_layout = QVBoxLayout(found)
        found_layout.addWidget(self.fonts)
        found_layout.addWidget(self.fonts_error)

        form = QFormLayout()
        form.addRow("字体文件夹：", self.folder)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                "文书中的字体会嵌入 PDF，换一台打印机也一样。默认使用本机系统字体"
                "（Windows：仿宋、宋体、黑体；Debian：AR PL UMing、文泉驿正黑）。"
                "如需标准公文字体（方正小标宋、仿宋_GB2312），把 .ttf/.ttc 文件放进一个文件夹并在此指定。"
                "打印机在每次打印时从系统打印对话框中选择。"
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
        shown = self.folder.text() or "（系统字体）"
        self.message.ok(f"字体文件夹已保存：{shown}。新打印的文书使用它。")
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
        self.fonts.setText("正在查找字体…")
        self.task = run_in_background(
            self, look, on_success=self._show_report, on_failure=self._check_failed
        )

    def _show_report(self, report: FontReport) -> None:
        self.task = None
        self.report = report
        self.check_button.setEnabled(True)
        self.fonts.setText(_describe(report) or "没有找到可用的字体。")
        self.fonts_error.setText(report.error or "")
        self.fonts_error.setVisible(report.error is not None)

    def _check_failed(self, failure: Failure) -> None:
        self.task = None
        self.check_button.setEnabled(True)
        self.fonts.setText("")
        self.fonts_error.setText(failure.message)
        self.fonts_error.show()


class BackupTab(QWidget):
    saved = Signal()

    def __init__(self, svc: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.folder = FolderField("选择备份文件夹", "例如另一块硬盘或 U 盘上的文件夹")
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save)
        self.message = Message()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)
        database = settings.status(svc).database
        # A SQLite URL as the file path an administrator would copy.
        database = database.removeprefix("sqlite:///")
        self.notice = QLabel(
            "备份功能尚未提供：自动备份、手动备份和恢复将在后续的“安全与备份”版本中提供。"
            "目前这里只记下备份存放的位置，程序还不会向其中写入任何文件。\n"
            f"在此之前，请按单位规定定期复制数据库：{database}"
        )
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(WARNING_STYLE)
        form = QFormLayout()
        form.addRow("备份位置：", self.folder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        self.folder.path.setText(admin.backup_dir(self.svc))

    def save(self) -> None:
        try:
            admin.set_backup_dir(self.svc, self.actor, self.folder.text())
        except DomainError as exc:
            self.message.error(str(exc))
            return
        self.load()
        self.message.ok(f"备份位置已保存：{self.folder.text() or '（未指定）'}。")
        self.saved.emit()
