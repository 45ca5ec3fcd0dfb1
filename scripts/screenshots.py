"""Renders TownDesk's screens with demo data (offscreen, 1366×768) into docs/screenshots/*.png.

dashboard.png            the 工作台: figures and the two charts, navigation on the left
dashboard_due_today.png  the cases behind 今日到期 (a figure the case list has no filter for)
main_window.png          the 案件 page: the case list with its filters
case_detail.png          one case's timeline
settings_*.png           the administrator's 设置 tabs (centre, units, users, holidays, rules,
                         printing, backup), an unpublished year, the add-user dialog
login.png, login_error.png, first_run.png
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "screenshots"
SCREEN_SIZE = (1366, 768)  # the most common resolution of counter PCs
WAIT_S = 20.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    parser.add_argument("--cases", type=int, default=1000, help="demo cases to build")
    args = parser.parse_args(argv)

    # Before Qt is imported: no display needed, and the demo helpers live under tests/.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from app.domain.vocabulary import Channel, HazardCategory, Kind
    from app.services import handling, queries, users
    from app.services.demo import DEMO_PASSWORD, build_demo
    from app.services.registration import PersonInput, RegistrationForm, register
    from tests.ui.fixtures_data import (
        ADMIN_USERNAME,
        DEMO_NOW,
        FixedClock,
        mobile,
        open_services,
        resident_id,
    )
    from ui.app import build_main_window, configure_application
    from ui.dashboard import CaseSelectionDialog
    from ui.login_dialog import FirstRunDialog, LoginDialog
    from ui.navigation import CASES, DASHBOARD, SETTINGS

    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def settle(until: Callable[[], bool] = lambda: True, what: str = "") -> None:
        """Let Qt lay out, paint and deliver background results (up to WAIT_S)."""
        deadline = time.monotonic() + WAIT_S
        while True:
            QApplication.processEvents()
            if until():
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {what or 'the screen'}")
            time.sleep(0.02)
        QApplication.processEvents()

    def save(widget: QWidget, name: str) -> None:
        settle()
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

        svc = open_services(f"sqlite:///{folder}/demo.db", folder)
        build_demo(svc, cases=args.cases, seed=1)
        admin = users.authenticate(svc, ADMIN_USERNAME, DEMO_PASSWORD)
        # The demo's history ends the working day before; a morning at the counter adds a few.
        clock = svc.clock
        assert isinstance(clock, FixedClock)
        todays = [
            (Kind.COMPLAINT, "小区门口夜市占道经营，晚上十一点后仍很吵，影响老人休息。"),
            (Kind.CONSULTATION, "咨询新生儿落户需要带哪些材料。"),
            (Kind.TIP_OFF, "商铺二楼住人，楼梯间堆放大量纸箱，安全出口上锁。"),
            (Kind.HELP_REQUEST, "独居老人家中水管爆裂，请求帮忙联系维修。"),
            (Kind.FEEDBACK, "村道路灯连续多晚不亮，夜间出行不便。"),
        ]
        for index, (kind, content) in enumerate(todays):
            clock.now = DEMO_NOW.replace(hour=8, minute=35) + timedelta(minutes=11 * index)
            person = PersonInput(
                name=["何丽娟", "陈伟强", "梁小燕", "黄国平", "吴美华"][index],
                doc_number=resident_id(200 + index),
                phone=mobile(200 + index),
                address="阳江市江城区某镇人民路",
            )
            form = RegistrationForm(
                kind=kind,
                content=content,
                channel=(Channel.WALK_IN, Channel.PHONE)[index % 2],
                submitters=[person],
                occurred="近几天",
                place="人民路",
            )
            if kind is Kind.TIP_OFF:
                form.reported_unit_name = "某镇人民路23号商铺"
                form.reported_unit_address = "阳江市江城区某镇人民路23号"
                form.hazard_category = HazardCategory.EVACUATION_BLOCKED
            case_id = register(svc, admin, form).case_id
            if kind is Kind.CONSULTATION:
                handling.answer_at_once(svc, admin, case_id, "已当场告知所需材料。")
        clock.now = DEMO_NOW

        window = build_main_window(svc, admin)
        window.resize(*SCREEN_SIZE)
        window.show()
        dashboard = window.dashboard
        settle(lambda: dashboard.snapshot is not None, "the dashboard")
        save(window, "dashboard")

        snapshot = dashboard.snapshot
        assert snapshot is not None
        selection = CaseSelectionDialog(svc, snapshot.data.due_today, window)
        selection.show()
        settle(lambda: selection.task is None, "the due-today list")
        save(selection, "dashboard_due_today")
        selection.close()

        window.show_place(CASES)
        save(window, "main_window")

        # The case with the longest history shows the most of the timeline.
        ids = queries.case_ids(svc)
        case_id = max(ids[:300], key=lambda i: len(queries.timeline(svc, i)))
        window.case_list.table.selectRow(window.case_list.model.row_of(case_id) or 0)
        dialog = window.open_case(case_id)
        assert dialog is not None
        save(dialog, "case_detail")
        dialog.close()

        window.show_place(SETTINGS)
        settings_page = window.settings_page
        assert settings_page is not None
        for tab, name in (
            (settings_page.centre, "centre"),
            (settings_page.units, "units"),
            (settings_page.users, "users"),
            (settings_page.holidays, "holidays"),
            (settings_page.rules, "rules"),
            (settings_page.printing, "printing"),
            (settings_page.backup, "backup"),
            (settings_page.retention, "retention"),
        ):
            settings_page.tabs.setCurrentWidget(tab)
            if tab is settings_page.units:
                # A unit stopped through the tab itself: the dimmed row and what it says.
                settings_page.units.table.selectRow(1)
                settings_page.units.toggle_button.click()
            if tab is settings_page.users:
                settings_page.users.table.selectRow(1)
                settings_page.users.add_button.click()
                add_user = settings_page.users.dialog
                assert add_user is not None
                add_user.username.setText("huang.clerk")  # type: ignore[attr-defined]
                add_user.display_name.setText("黄丽清")  # type: ignore[attr-defined]
                save(add_user, "settings_users_add")
                add_user.reject()
            if tab is settings_page.backup:
                # One backup taken through the tab, so the list shows a verified file.
                settings_page.backup.back_up_now()
                settle(lambda: settings_page.backup.task is None, "the backup")
            if tab is settings_page.printing:
                settings_page.printing.check_fonts()
                settle(lambda: settings_page.printing.report is not None, "the font check")
            save(window, f"settings_{name}")
        # An unpublished year: the provisional warning.
        settings_page.tabs.setCurrentWidget(settings_page.holidays)
        settings_page.holidays.year.setValue(DEMO_NOW.year + 1)
        save(window, "settings_holidays_provisional")
        window.show_place(DASHBOARD)
        password = window.change_password()
        save(password, "change_password")
        password.reject()
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
