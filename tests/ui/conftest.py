"""Fixtures for the Qt widget tests: a configured QApplication, private settings, demo databases."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from app.services.context import Services
from tests.ui.fixtures_data import DemoData, build_demo_data, open_services
from ui.app import configure_application


@pytest.fixture(scope="session", autouse=True)
def configured_app(qapp: QApplication) -> QApplication:
    """The same font and names as the real program, so sizes in the tests are the real ones."""
    configure_application(qapp, "zh_CN")
    return qapp


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> Path:
    """Column layouts and geometry go to this test's folder, never to the user's home."""
    folder = tmp_path / "qsettings"
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    return folder


def close_after_workers(svc: Services) -> None:
    """Close the database only once no background read is still running on it: a worker whose
    connection is disposed under it mid-query can crash the process (seen once in CI, in the
    register tests of the 回访/申诉 page)."""
    QThreadPool.globalInstance().waitForDone(30_000)
    svc.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> DemoData:
    """Built once per session through the services; each test gets a copy of the file."""
    folder = tmp_path_factory.mktemp("demo-template")
    data = build_demo_data(f"sqlite:///{folder}/towndesk.db", folder, cases=30)
    # Closing checkpoints the WAL, so the .db file alone holds everything.
    data.svc.close()
    return data


@pytest.fixture
def demo(demo_template: DemoData, tmp_path: Path) -> Iterator[DemoData]:
    """A migrated SQLite database: an administrator, three units and 30 cases in many states."""
    source = Path(demo_template.svc.data_dir) / "towndesk.db"
    shutil.copyfile(source, tmp_path / "towndesk.db")
    svc = open_services(f"sqlite:///{tmp_path}/towndesk.db", tmp_path)
    data = replace(demo_template, svc=svc, case_ids=list(demo_template.case_ids))
    yield data
    close_after_workers(svc)


@pytest.fixture(scope="session")
def big_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoData]:
    """450 cases (more than two pages of 200), shared by read-only tests."""
    folder = tmp_path_factory.mktemp("big")
    data = build_demo_data(f"sqlite:///{folder}/towndesk.db", folder, cases=450)
    yield data
    close_after_workers(data.svc)


@pytest.fixture
def empty_svc(tmp_path: Path) -> Iterator[Services]:
    """A migrated database without any user: the first run."""
    svc = open_services(f"sqlite:///{tmp_path}/towndesk.db", tmp_path)
    yield svc
    close_after_workers(svc)
