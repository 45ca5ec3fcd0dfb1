"""Renders the 登记 registration page with demo data (offscreen, 1366×768) into docs/screenshots/.

registration_complaint.png   the empty form for a walk-in complaint
registration_tip_off.png     a filled fire-hazard tip-off, the duplicate panel listing earlier reports
registration_refusal.png     the 不予受理 dialog over the form
registration_materials.png   the 材料不全 one-time notice dialog
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "screenshots"
SCREEN_SIZE = (1366, 768)  # the most common resolution of counter PCs
SEARCH_TIMEOUT_S = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    parser.add_argument("--cases", type=int, default=60, help="demo cases to register")
    args = parser.parse_args(argv)

    # Before Qt is imported: no display needed, and the demo builder lives under tests/.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication, QWidget
    from stdnum.cn import ric

    from app.domain.vocabulary import HazardCategory, Kind, Priority
    from tests.ui.fixtures_data import build_demo_data
    from ui.app import configure_application
    from ui.registration import RegistrationPage

    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def settle(until: Callable[[], bool] = lambda: True, timeout: float = SEARCH_TIMEOUT_S) -> None:
        """Let Qt lay out, paint and deliver background results."""
        deadline = time.monotonic() + timeout
        while True:
            QApplication.processEvents()
            if until() or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        QApplication.processEvents()

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = args.out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        written.append(path)

    def select(combo_owner: object, combo_name: str, value: object) -> None:
        combo = getattr(combo_owner, combo_name)
        combo.setCurrentIndex(combo.findData(value))

    with tempfile.TemporaryDirectory(prefix="towndesk-shots-") as tmp:
        folder = Path(tmp)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "qsettings"))
        app = QApplication([sys.argv[0]])
        configure_application(app)

        data = build_demo_data(f"sqlite:///{folder}/demo.db", folder, cases=args.cases)
        svc = data.svc
        page = RegistrationPage(svc, data.admin)
        page.setWindowTitle("登记")
        page.resize(*SCREEN_SIZE)
        page.show()

        select(page, "kind_combo", Kind.COMPLAINT.value)
        settle()
        save(page, "registration_complaint")

        # A tip-off of a unit the demo data has reported before (fixtures_data: 东城商贸).
        select(page, "kind_combo", Kind.TIP_OFF.value)
        select(page, "priority_combo", Priority.URGENT.value)
        page.lead.name_edit.setText("黄志强")
        body = "44170219780505003"  # a man born in Jiangcheng, 1978
        page.lead.doc_number_edit.setText(body + ric.calc_check_digit(body + "0"))
        page.lead.phone_edit.setText("139 2345 6781")
        page.lead.address_edit.setText("阳江市江城区东门路18号")
        page.occurred_edit.setText("近一周每天晚上")
        page.content_edit.setPlainText(
            "商场三楼安全出口被货物堵塞，消防通道无法通行，晚上顾客较多，存在严重安全隐患。"
        )
        page.request_edit.setText("请尽快督促清理，恢复安全出口畅通")
        select(page, "hazard_combo", HazardCategory.EVACUATION_BLOCKED.value)
        page.unit_name_edit.setText("阳江市东城商贸有限公司")
        page.unit_address_edit.setText("阳江市城东街道石湾村")
        page.evidence_edit.setText("现场照片3张")
        settle(lambda: page.duplicate_panel.list.count() > 0 and not page.duplicate_panel.searching)
        panel = page.duplicate_panel
        if panel.list.count():
            panel.list.item(0).setCheckState(Qt.CheckState.Checked)
        page.unit_name_edit.setFocus()
        save(page, "registration_tip_off")

        dialog = page.open_refusal()
        if dialog is None:
            raise SystemExit("the tip-off form is not complete: " + "; ".join(page.problems()))
        dialog.ground_list.setCurrentRow(5)
        dialog.reason_edit.setPlainText(
            "该单位安全出口堵塞问题已于1月12日举报并正在办理，本次反映为同一事实、同一理由。"
        )
        if panel.numbers():
            dialog.related_combo.setCurrentText(panel.numbers()[0])
        save(dialog, "registration_refusal")
        dialog.reject()

        materials = page.open_materials()
        if materials is None:
            raise SystemExit("the materials dialog did not open")
        materials.checklist.item(3).setCheckState(Qt.CheckState.Checked)
        materials.other_edit.setPlainText("商场平面图（标出被堵塞的安全出口位置）")
        save(materials, "registration_materials")
        materials.reject()

        page.close()
        svc.close()

    for path in written:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
