"""Renders the 奖励 page and a claim with its computation (offscreen, 1366×768) into docs/screenshots/."""

from __future__ import annotations

from shotkit import SCREEN_SIZE, offscreen_app, output_folder, save, wait_until


def main(argv: list[str] | None = None) -> int:
    out = output_folder(__doc__, argv)
    with offscreen_app() as folder:
        from app.domain.rewards import NoticeMethod, Verification
        from app.domain.users import Role
        from app.domain.vocabulary import HazardCategory, Kind
        from app.services import rewards, users
        from app.services.registration import PersonInput, RegistrationForm, register
        from app.services.rewards import Stage
        from tests.ui.fixtures_data import build_demo_data, resident_id
        from ui.rewards.actions import DecideDialog
        from ui.rewards.page import RewardsPage

        data = build_demo_data(f"sqlite:///{folder}/demo.db", folder, cases=30)
        svc, admin = data.svc, data.admin
        lead = users.create_user(svc, admin, "lead", "王负责", Role.SUPERVISOR, "lead-pass-1")
        units = (
            ("兴旺五金店", "江城区东风路12号", HazardCategory.FIRE_ACCESS_BLOCKED, 5_000_000),
            ("金辉百货商场", "江城区东风三路88号", HazardCategory.EVACUATION_BLOCKED, 850_000),
            ("海滨KTV", "江城区新江路8号", HazardCategory.CONTROL_ROOM_UNSTAFFED, 0),
        )
        case_ids = []
        for index, (name, address, category, _fine) in enumerate(units):
            case_ids.append(
                register(
                    svc,
                    admin,
                    RegistrationForm(
                        kind=Kind.TIP_OFF,
                        content=f"{name}{category.label}，存在火灾隐患",
                        occurred="近一周",
                        reported_unit_name=name,
                        reported_unit_address=address,
                        hazard_category=category,
                        evidence="现场照片3张",
                        submitters=[
                            PersonInput(
                                name=("张小三", "李红梅", "陈志强")[index],
                                doc_number=resident_id(400 + index),
                                phone=f"1381234{5670 + index}",
                            )
                        ],
                    ),
                ).case_id
            )
            rewards.open_claim(svc, admin, case_ids[-1])
        today = svc.now().date()
        for case_id, (_name, _address, _category, fine) in zip(case_ids[:2], units, strict=False):
            rewards.record_verification(
                svc,
                admin,
                case_id,
                Verification(
                    verified=True,
                    penalty_imposed=True,
                    decision_number="阳江消行罚决字〔2026〕0101号",
                    decision_date=today,
                    fine_fen=fine,
                    brigade="江城区消防救援大队",
                    closing_date=today,
                    filed_on=today,
                ),
            )
            rewards.decide(
                svc, lead, case_id, clue_already_known=False, already_under_investigation=False
            )
        rewards.notify(svc, admin, case_ids[0], NoticeMethod.PHONE, svc.now())

        page = RewardsPage(svc, admin)
        page.resize(*SCREEN_SIZE)
        page.show()
        wait_until(lambda: not page.is_loading())
        page.select_stage(Stage.NOTIFIED)
        wait_until(lambda: not page.is_loading())
        save(page, out, "rewards_queue")
        dialog = page.open_claim(case_ids[0])
        wait_until(lambda: dialog.view is not None)
        dialog.resize(*SCREEN_SIZE)
        save(dialog, out, "rewards_claim")
        dialog.tabs.setCurrentIndex(2)
        save(dialog, out, "rewards_claim_history")
        dialog.close()

        # A penalty with no fine still earns the minimum (RULES §4.3): the decision's preview.
        rewards.record_verification(
            svc,
            admin,
            case_ids[2],
            Verification(
                verified=True,
                penalty_imposed=True,
                decision_number="阳江消行罚决字〔2026〕0102号",
                decision_date=today,
                fine_fen=0,
                brigade="江城区消防救援大队",
                closing_date=today,
                filed_on=today,
            ),
        )
        lead_actor = users.authenticate(svc, "lead", "lead-pass-1")
        lead_page = RewardsPage(svc, lead_actor)
        claim = lead_page.open_claim(case_ids[2])
        wait_until(lambda: claim.view is not None)
        decide = claim.start_action("decide")
        assert isinstance(decide, DecideDialog)
        wait_until(lambda: decide.preview is not None)
        decide.resize(decide.sizeHint())
        save(decide, out, "rewards_decide")
        decide.investigating.setCurrentIndex(1)
        wait_until(lambda: decide.preview is not None)
        decide.resize(decide.sizeHint())
        save(decide, out, "rewards_decide_not_eligible")
        decide.reject()
        claim.close()

        disclosure = page.open_disclosure()
        wait_until(lambda: disclosure.task is None)
        disclosure.resize(900, 500)
        save(disclosure, out, "rewards_disclosure")
        disclosure.close()
        svc.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
