"""Renders TownDesk's screens with demo data (offscreen, 1366×768) into docs/screenshots/*.png."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "screenshots"
SCREEN_SIZE = (1366, 768)  # the most common resolution of counter PCs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    parser.add_argument("--cases", type=int, default=120, help="demo cases to register")
    args = parser.parse_args(argv)

    # Before Qt is imported: no display needed, and the demo builder lives under tests/.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from app.services import queries
    from tests.ui.fixtures_data import ADMIN_USERNAME, build_demo_data, open_services
    from ui.app import build_main_window, configure_application
    from ui.login_dialog import FirstRunDialog, LoginDialog

    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        path = args.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)

    with tempfile.TemporaryDirectory(prefix="towndesk-shots-") as tmp:
        folder = Path(tmp)
        # The column layout and window geometry go to the temporary folder, not the user's.
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "qsettings"))
        app = QApplication([sys.argv[0]])
        configure_application(app)

        data = build_demo_data(f"sqlite:///{folder}/demo.db", folder, cases=args.cases)
        svc = data.svc
        window = build_main_window(svc, data.admin)
        window.resize(*SCREEN_SIZE)
        window.show()
        save(window, "main_window")

        # The case with the longest history shows the most of the timeline.
        case_id = max(data.case_ids, key=lambda i: len(queries.timeline(svc, i)))
        window.case_list.table.selectRow(window.case_list.model.row_of(case_id) or 0)
        dialog = window.open_case(case_id)
        assert dialog is not None
        save(dialog, "case_detail")
        dialog.close()
        window.close()

        login = LoginDialog(svc, username=ADMIN_USERNAME, centre_name="便民服务中心")
        login.show()
        save(login, "login")
        login.password.setText("wrong-password")
        login.accept()
        save(login, "login_error")
        login.close()

        empty = open_services(f"sqlite:///{folder}/empty.db", folder)
        first_run = FirstRunDialog(empty)
        first_run.show()
        save(first_run, "first_run")
        first_run.close()
        empty.close()
        svc.close()

    for path in written:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
