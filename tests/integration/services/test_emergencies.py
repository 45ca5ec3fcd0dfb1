"""Emergency transfers to 110/119/120 are recorded (JY12345 art. 6)."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.services.emergencies import EmergencyLine, record_transfer, transfers
from tests.conftest import World


def test_rules_1_jy12345_art6_emergency_transfer_is_recorded(world: World) -> None:
    with pytest.raises(ValidationError, match="简要写明"):
        record_transfer(world.svc, world.clerk, EmergencyLine.FIRE, "  ")
    record_transfer(world.svc, world.clerk, EmergencyLine.FIRE, "东风路仓库冒烟，已转119")
    (latest,) = transfers(world.svc)
    assert latest.line is EmergencyLine.FIRE
    assert latest.summary == "东风路仓库冒烟，已转119"
    assert latest.recorded_by == world.clerk.user_id
