"""Renders the 报表 page (a report written, then an import with a refused row) and the case list's export, in the main window (offscreen, 1366×768), into docs/screenshots/."""

from __future__ import annotations

from shotkit import SCREEN_SIZE, offscreen_app, output_folder, save, wait_until


def main(argv: list[str] | None = None) -> int:
    out = output_folder(__doc__, argv)
    with offscreen_app() as folder:
        from datetime import datetime

        from app.domain.reporting import ReportKind, parse_period
        from app.services import imports
        from tests.ui.fixtures_data import build_demo_data, resident_id
        from ui.main_window import MainWindow
        from ui.navigation import CASES, REPORTS

        data = build_demo_data(f"sqlite:///{folder}/demo.db", folder, cases=30)
        svc, admin = data.svc, data.admin
        window = MainWindow(svc, admin)
        window.resize(*SCREEN_SIZE)
        window.show()
        window.show_place(REPORTS)
        page = window.reports_page
        reports = page.reports
        reports.select(ReportKind.MONTHLY)
        reports.period.set_period(parse_period("2026-01"))
        reports.generate_to(ReportKind.MONTHLY, parse_period("2026-01"), folder / "月度统计.xlsx")
        wait_until(lambda: not reports.job.busy)

        def order(number: str, id_number: str, content: str) -> dict[str, object]:
            return {
                "工单编号": number,
                "工单时间": datetime(2026, 1, 20, 9, 30),
                "诉求类型": "反映",
                "诉求人姓名": "张三丰",
                "证件号码": id_number,
                "联系电话": "13812345678",
                "发生时间": "近一周",
                "发生地点": "江城区东风路",
                "诉求内容": content,
            }

        source = folder / "县热线工单.xlsx"
        source.write_bytes(
            imports.template_workbook(
                [
                    order("YJ2026012000015", resident_id(901), "东风路路灯不亮已一周"),
                    order("YJ2026012000016", "441702199003071235", "南恩路井盖缺失"),
                    order("YJ2026012000017", resident_id(903), '=HYPERLINK("x")'),
                ]
            )
        )
        page.imports.import_file(source)
        wait_until(lambda: not page.imports.job.busy)
        wait_until(lambda: page.imports.history.rowCount() > 0)
        save(window, out, "reports_page")

        reports.select(ReportKind.REWARDS)
        save(window, out, "reports_internal")

        window.show_place(CASES)
        window.case_list.export_to(folder / "案件清单.xlsx")
        wait_until(lambda: not window.case_list.export_job.busy)
        save(window, out, "reports_case_list_export")
        window.close()
        svc.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
