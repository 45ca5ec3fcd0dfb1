"""Renders the print preview of a real acceptance receipt (demo data) into docs/screenshots/."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "screenshots"
# The preview on a 1366×768 counter screen: as tall as the screen allows, A4 fitted to its width.
DIALOG_SIZE = (860, 740)
# QPdfView renders pages in its own thread; give it this long before the picture is taken.
RENDER_WAIT_MS = 1500


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG file")
    args = parser.parse_args(argv)

    # Before Qt is imported: no display needed, and the demo builder lives under tests/.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from app.documents.payloads import DocType
    from app.domain.vocabulary import Kind
    from app.services import printing, queries
    from tests.ui.fixtures_data import build_demo_data
    from ui.app import configure_application
    from ui.printing.preview import PdfPreviewDialog

    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "print_preview.png"
    with tempfile.TemporaryDirectory(prefix="towndesk-shots-") as tmp:
        folder = Path(tmp)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "qsettings"))
        app = QApplication([sys.argv[0]])
        configure_application(app)

        data = build_demo_data(f"sqlite:///{folder}/demo.db", folder, cases=30)
        svc = data.svc
        # A tip-off shows the most of the receipt (deadlines and the confidentiality note).
        tip_offs = [r.id for r in queries.case_rows(svc, data.case_ids) if r.kind is Kind.TIP_OFF]
        case_id = next(
            i
            for i in tip_offs + data.case_ids
            if DocType.RECEIPT in printing.available_documents(svc, i)
        )
        document = printing.issue(svc, data.admin, DocType.RECEIPT, case_id)
        dialog = PdfPreviewDialog(None, f"{document.title}（{document.number_text}）", document.pdf)
        dialog.resize(*DIALOG_SIZE)
        dialog.show()
        loop = QEventLoop()
        QTimer.singleShot(RENDER_WAIT_MS, loop.quit)
        loop.exec()
        if not dialog.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        dialog.close()
        svc.close()

    print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
