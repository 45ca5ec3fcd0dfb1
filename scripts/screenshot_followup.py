"""Renders the 回访/申诉 page (call-backs, objections to review, restriction register) and the review dialog (offscreen, 1366×768) into docs/screenshots/."""

from __future__ import annotations

from shotkit import SCREEN_SIZE, offscreen_app, output_folder, save, wait_until


def main(argv: list[str] | None = None) -> int:
    out = output_folder(__doc__, argv)
    with offscreen_app() as folder:
        from app.domain.rewards import NoticeMethod, ObjectionGround, Verification
        from app.domain.users import Role
        from app.domain.vocabulary import HazardCategory, Kind
        from app.services import restrictions, rewards, users
        from app.services.registration import PersonInput, RegistrationForm, register
        from tests.ui.fixtures_data import build_demo_data, resident_id
        from ui.followup.page import FollowUpPage
        from ui.rewards.actions import ReviewObjectionDialog

        data = build_demo_data(f"sqlite:///{folder}/demo.db", folder, cases=30)
        svc, admin = data.svc, data.admin
        lead = users.create_user(svc, admin, "lead", "王负责", Role.SUPERVISOR, "lead-pass-1")
        other = users.create_user(svc, admin, "vice", "赵副主任", Role.SUPERVISOR, "vice-pass-1")
        today = svc.now().date()
        for index, (name, unit) in enumerate(
            (("张小三", "兴旺五金店"), ("李红梅", "金辉百货商场"))
        ):
            case_id = register(
                svc,
                admin,
                RegistrationForm(
                    kind=Kind.TIP_OFF,
                    content=f"{unit}安全出口被货物堵塞",
                    occurred="近一周",
                    reported_unit_name=unit,
                    reported_unit_address="江城区东风路12号",
                    hazard_category=HazardCategory.EVACUATION_BLOCKED,
                    evidence="现场照片3张",
                    submitters=[
                        PersonInput(
                            name=name, doc_number=resident_id(500 + index), phone="13812345670"
                        )
                    ],
                ),
            ).case_id
            rewards.open_claim(svc, admin, case_id)
            rewards.record_verification(
                svc,
                admin,
                case_id,
                Verification(
                    verified=True,
                    penalty_imposed=True,
                    decision_number=f"阳江消行罚决字〔2026〕01{index + 10}号",
                    decision_date=today,
                    fine_fen=2_000_000,
                    brigade="江城区消防救援大队",
                    closing_date=today,
                    filed_on=today,
                ),
            )
            rewards.decide(
                svc, lead, case_id, clue_already_known=True, already_under_investigation=False
            )
            rewards.notify(svc, admin, case_id, NoticeMethod.PHONE, svc.now())
            rewards.receive_objection(
                svc, admin, case_id, ObjectionGround.NOT_ELIGIBLE, "线索系本人首先发现，请求复核"
            )
        restrictions.restrict(svc, lead, reason="来电辱骂并威胁话务员", phone="13812345678")

        page = FollowUpPage(svc, other)
        page.resize(*SCREEN_SIZE)
        page.show()
        wait_until(lambda: not page.is_loading())
        save(page, out, "followup_callbacks")
        page.tabs.setCurrentWidget(page.objections)
        save(page, out, "followup_objections")
        dialog = page.objections.open_claim(page.objections.rows[0].case_id)
        wait_until(lambda: dialog.view is not None)
        review = dialog.start_action("review")
        assert isinstance(review, ReviewObjectionDialog)
        review.outcome.setCurrentIndex(1)
        review.resize(review.sizeHint().expandedTo(review.minimumSizeHint()))
        save(review, out, "followup_objection_review")
        review.reject()
        dialog.close()
        page.tabs.setCurrentWidget(page.restrictions)
        wait_until(lambda: not page.is_loading())
        save(page, out, "followup_restrictions")
        svc.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
