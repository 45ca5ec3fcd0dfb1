"""Renders the case detail (offscreen, 1366×768) and two of its action dialogs into docs/screenshots/."""

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    args = parser.parse_args(argv)

    # Before Qt is imported: no display needed, and the demo builder lives under tests/.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from app.domain.users import Action, Role
    from app.domain.vocabulary import CaseState, ContactMethod, Kind
    from app.services import duplicates, handling, queries, users
    from app.services.registration import PersonInput, RegistrationForm, register
    from tests.ui.fixtures_data import FixedClock, build_demo_data, resident_id
    from ui.actions.base import to_qdatetime
    from ui.actions.handling import SubmitResultDialog
    from ui.actions.routing import RequestExtensionDialog
    from ui.app import configure_application
    from ui.case_detail import CaseDetailDialog

    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("timed out waiting for the window to settle")
            QApplication.processEvents()
            time.sleep(0.01)

    def save(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        path = args.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)

    with tempfile.TemporaryDirectory(prefix="towndesk-shots-") as tmp:
        folder = Path(tmp)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "qsettings"))
        app = QApplication([sys.argv[0]])
        configure_application(app)

        data = build_demo_data(f"sqlite:///{folder}/demo.db", folder, cases=30)
        svc, admin = data.svc, data.admin
        clock = svc.clock
        assert isinstance(clock, FixedClock)
        now = clock.now
        lead = users.create_user(svc, admin, "lead", "王负责", Role.SUPERVISOR, "lead-pass-1")

        # 1. An in-progress complaint: contacted, an extension granted, a result sent back,
        #    a photo added; seen by the supervisor, who may review and reveal identity.
        clock.now = now - timedelta(days=6)
        evidence = folder / "现场照片.jpg"
        evidence.write_bytes(b"\xff\xd8" + b"0" * 180_000)
        case_id = register(
            svc,
            admin,
            RegistrationForm(
                kind=Kind.COMPLAINT,
                content="楼下餐馆油烟直排，晚上十点后仍有噪音，影响休息，多次沟通未果。",
                request="责令餐馆安装油烟净化设施，晚间停止噪音。",
                occurred="近一个月，每晚18时至23时",
                place="江城区东门路88号",
                submitters=[
                    PersonInput(
                        name="陈美玲",
                        doc_number=resident_id(3),
                        phone="13912345678",
                        address="阳江市江城区东门路90号3楼",
                    )
                ],
                attachments=[evidence],
            ),
        ).case_id
        clock.now += timedelta(minutes=20)
        handling.accept(svc, admin, case_id)
        handling.dispatch(svc, admin, case_id, data.units[1].id)
        clock.now += timedelta(hours=3)
        handling.record_contact(
            svc, admin, case_id, ContactMethod.PHONE, "已电话联系，约定周五现场查看。"
        )
        clock.now += timedelta(days=1)
        handling.request_extension(
            svc,
            admin,
            case_id,
            3,
            "需联合市场监管所现场检测油烟排放",
            "《大气污染防治法》第八十一条",
        )
        handling.decide_extension(svc, lead, case_id, approve=True, note="同意，请告知诉求人。")
        clock.now += timedelta(days=2)
        handling.submit_result(
            svc,
            admin,
            case_id,
            handled_at=clock.now - timedelta(hours=4),
            method="会同市场监管所现场检查，约谈餐馆负责人",
            outcome="餐馆已承诺十日内安装油烟净化设施。",
            basis="《大气污染防治法》第八十一条",
        )
        clock.now += timedelta(hours=2)
        handling.review(
            svc, lead, case_id, passed=False, comment="未写明噪音问题的处理结果，请补充。"
        )
        clock.now = now

        dialog = CaseDetailDialog(svc, case_id, actor=lead)
        dialog.resize(*SCREEN_SIZE)
        dialog.show()
        save(dialog, "case_detail_in_progress")

        # 2. The action dialogs of the same case: an extension request, a result with a refusal.
        extension = dialog.view.open_action(Action.REQUEST_EXTENSION)
        assert isinstance(extension, RequestExtensionDialog)
        extension.reason.setPlainText("餐馆设备需厂家上门安装，安装后复查")
        extension.basis.setText("《大气污染防治法》第八十一条")
        extension.adjustSize()
        save(extension, "case_detail_dialog_extension")
        extension.reject()

        result = dialog.view.open_action(Action.SUBMIT_RESULT)
        assert isinstance(result, SubmitResultDialog)
        result.method.setText("复查油烟净化设施，约谈餐馆负责人")
        result.outcome.setPlainText(
            "油烟净化设施已安装并运行；餐馆承诺22时后停止营业，噪音问题已解决，已电话答复诉求人。"
        )
        result.basis.setText("《大气污染防治法》第八十一条")
        # A time before the unit received the order: the service's refusal shows in the dialog.
        received = dialog.view.detail.received_at - timedelta(days=1)
        result.handled_at.setMinimumDateTime(to_qdatetime(received))
        result.handled_at.setDateTime(to_qdatetime(received))
        result.accept()
        wait_until(lambda: result.task is None)
        result.adjustSize()
        save(result, "case_detail_dialog_result")
        result.reject()
        dialog.close()

        # 3. A tip-off reported three times: linked duplicates, the first report named.
        rows = queries.case_rows(svc, data.case_ids)
        first = next(
            r.id for r in rows if r.kind is Kind.TIP_OFF and r.state is CaseState.DISPATCHED
        )
        with svc.uow(write=False) as uow:
            original = uow.get_case(first)
            name, address = original.reported_unit_name, original.reported_unit_address
            category = original.hazard_category
        later = []
        for index, who in enumerate(["林晓燕", "吴海涛"]):
            clock.now = now - timedelta(days=2 - index, hours=-1)
            later.append(
                register(
                    svc,
                    admin,
                    RegistrationForm(
                        kind=Kind.TIP_OFF,
                        content="商场三楼安全出口仍被货物堵塞，消防通道无法通行，已多日。",
                        occurred="2026年1月中旬起",
                        reported_unit_name=name,
                        reported_unit_address=address,
                        hazard_category=category,
                        evidence="现场照片两张",
                        submitters=[PersonInput(name=who, phone=f"1371234567{index}")],
                    ),
                ).case_id
            )
        clock.now = now
        for other in later:
            duplicates.link_duplicate(svc, admin, other, first)
        tip_off = CaseDetailDialog(svc, later[0], actor=admin)
        tip_off.resize(*SCREEN_SIZE)
        tip_off.show()
        save(tip_off, "case_detail_tip_off")
        tip_off.close()
        svc.close()

    for path in written:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
