"""Two counters registering at once share one database: every number is unique, nothing is lost."""

from __future__ import annotations

import threading

from app.domain.vocabulary import Kind
from app.services.context import Services
from app.services.registration import RegistrationForm, register
from tests.conftest import World

PER_COUNTER = 15


def test_parallel_registrations_get_unique_numbers(world: World) -> None:
    # Each counter has its own engine, as two PCs would, on the same file or server.
    counters = [
        Services.open(world.svc.database.url, world.svc.data_dir, clock=world.clock)
        for _ in range(2)
    ]
    numbers: list[str] = []
    errors: list[BaseException] = []

    def work(svc: Services) -> None:
        try:
            for i in range(PER_COUNTER):
                form = RegistrationForm(kind=Kind.CONSULTATION, content=f"咨询 {i}")
                numbers.append(register(svc, world.clerk, form).number)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(svc,)) for svc in counters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for svc in counters:
        svc.close()
    assert errors == []
    assert len(numbers) == len(set(numbers)) == 2 * PER_COUNTER
    assert sorted(numbers)[-1].endswith(f"-{2 * PER_COUNTER:04d}")
