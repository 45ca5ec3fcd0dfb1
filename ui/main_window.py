"""The main window: the navigation, the pages (工作台, 登记, 案件, 设置), menus, warnings and status bar."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from importlib import metadata
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.users import Action, Actor
from app.services import queries, settings
from app.services.context import Services
from app.services.dashboard import CaseSelection
from app.services.queries import CaseFilter
from app.services.settings import StatusInfo
from ui import preferences
from ui.background import (
    BackgroundTask,
    CancelToken,
    Failure,
    Report,
    cancellable,
    run_in_background,
    show_failure,
)
from ui.case_table_model import RowFetcher
from ui.dashboard import CaseSelectionDialog, DashboardPage
from ui.formatting import WARNING_STYLE
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.login_dialog import app_title
from ui.navigation import (
    CASES,
    DASHBOARD,
    FOLLOW_UP,
    REGISTRATION,
    REPORTS,
    REWARDS,
    SETTINGS,
    NavigationBar,
    places_for,
)

if TYPE_CHECKING:
    # The other pages and dialogs are imported when first shown: their modules pull in
    # openpyxl, pypdf and reportlab, which the start does not need (issue 9).
    from ui.account import ChangePasswordDialog
    from ui.case_detail import CaseDetailDialog
    from ui.case_list import CaseListPage
    from ui.followup.page import FollowUpPage
    from ui.printing.batch import BatchPrintDialog
    from ui.reports.page import ReportsPage
    from ui.rewards.page import RewardsPage
    from ui.settings import SettingsPage

GEOMETRY_KEY = "main_window/geometry"
GEOMETRY_VERSION = 1


def database_location(url: str) -> str:
    """A SQLite URL as the file path people recognise; other URLs as given (password hidden)."""
    prefix = "sqlite:///"
    return url[len(prefix) :] if url.startswith(prefix) else url


class WarningBanner(QFrame):
    """Amber notices above the list (lapsed rule profile, provisional calendar).

    "Got it" hides it for this session; the status bar keeps a short ⚠ reminder.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningBanner")
        self.setStyleSheet(
            f"#warningBanner {{ {WARNING_STYLE} border: 1px solid #e0c060; border-radius: 3px; }}"
            "#warningBanner QLabel { color: #664d03; background: transparent; }"
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QPushButton(self.tr("Got it"))
        self.dismiss.setToolTip(
            self.tr("Hide these notices for this session (the status bar keeps the ⚠ mark)")
        )
        self.dismiss.clicked.connect(self._on_dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self._dismissed = False
        self.hide()

    def set_warnings(self, warnings: list[str]) -> None:
        self.text.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.setVisible(bool(warnings) and not self._dismissed)

    def _on_dismiss(self) -> None:
        self._dismissed = True
        self.hide()


class FilterNotice(QFrame):
    """Above the case list: which figure of the 工作台 it shows, and the way back to everything.

    It stays while the list shows exactly that filter; touching any filter of the list itself
    replaces the filter and the notice goes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterNotice")
        self.setStyleSheet(
            "#filterNotice { background: #e7f1ff; border: 1px solid #9ec5fe; border-radius: 3px; }"
            "#filterNotice QLabel { color: #084298; background: transparent; }"
        )
        self.text = QLabel()
        self.show_all = QPushButton(self.tr("Show all cases"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.show_all)
        self.hide()


class UnderConstruction(QLabel):
    """Stands where a page will be while its module is not in this build; it pretends nothing."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color: #6c757d;")


REGISTRATION_MODULE = "ui.registration.page"
REGISTRATION_PENDING = QT_TRANSLATE_NOOP(
    "MainWindow", "The registration page is being built and will appear here when it is ready."
)


def build_registration_page(svc: Services, actor: Actor) -> QWidget:
    """The registration page, or a plain notice while its module does not exist yet."""
    try:
        module = importlib.import_module(REGISTRATION_MODULE)
    except ModuleNotFoundError as exc:
        # Only the module's absence; an import error inside it is a bug and must show.
        if exc.name not in ("ui.registration", REGISTRATION_MODULE):
            raise
        return UnderConstruction(translate("MainWindow", REGISTRATION_PENDING))
    page: QWidget = module.RegistrationPage(svc, actor)
    return page


def _focus_first(page: QWidget) -> None:
    """Give the keyboard to the page's first field (its focus proxy, if it names one)."""
    if page.focusProxy() is not None:
        page.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    widget = page.nextInFocusChain()
    # The focus chain is a ring through the whole window: stop when it leaves the page.
    while widget is not None and widget is not page and page.isAncestorOf(widget):
        if (
            widget.isEnabled()
            and widget.isVisibleTo(page)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        widget = widget.nextInFocusChain()


class MainWindow(QMainWindow):
    """The navigation on the left; the banner and the current page on the right."""

    def __init__(
        self,
        svc: Services,
        actor: Actor,
        *,
        fetch_rows: RowFetcher = queries.case_rows,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.svc = svc
        self.actor = actor
        self.status_info: StatusInfo | None = None
        self.reminder_task: BackgroundTask[tuple[list[int], list[str]]] | None = None
        self.reminder_confirm: QMessageBox | None = None
        self.batch_dialog: BatchPrintDialog | None = None
        self.audit_task: BackgroundTask[Any] | None = None
        self.audit_box: QMessageBox | None = None

        self.selection_dialog: CaseSelectionDialog | None = None
        self._notice_filter: CaseFilter | None = None

        self.banner = WarningBanner()
        self.filter_notice = FilterNotice()
        self.filter_notice.show_all.clicked.connect(self.show_all_cases)
        self.places = places_for(actor)
        self.navigation = NavigationBar(self.places)
        self._fetch_rows = fetch_rows
        # Only the page shown first is built now; the others on first show (see page()), so
        # that a start builds one page and imports none of the others' libraries (issue 9).
        self._page_builders: dict[str, Callable[[], QWidget]] = {
            DASHBOARD: self._build_dashboard,
            REGISTRATION: self._build_registration,
            CASES: self._build_case_list,
            REWARDS: self._build_rewards,
            FOLLOW_UP: self._build_follow_up,
            REPORTS: self._build_reports,
            SETTINGS: self._build_settings,
        }
        self._allowed = set(self._page_builders)
        if not any(p.key == SETTINGS for p in self.places):
            self._allowed.discard(SETTINGS)
        self.page_widgets: dict[str, QWidget] = {}
        self.pages = QStackedWidget()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.filter_notice)
        layout.addWidget(self.pages, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(content, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        self.navigation.place_chosen.connect(self.show_place)

        self.refresh_status()
        saved = preferences.load_bytes(GEOMETRY_KEY, GEOMETRY_VERSION)
        if saved is None or not self.restoreGeometry(saved):
            # First start: the common counter screen, but never larger than the one we are on.
            available = self.screen().availableGeometry().size()
            self.resize(
                QSize(1366, 768).boundedTo(available) if available.isValid() else QSize(1366, 768)
            )
        # The 工作台 first: what is due and overdue is the first thing to see each morning.
        self.show_place(DASHBOARD)

    # ----- the pages, each built when first shown -----------------------------------------

    def page(self, key: str) -> QWidget | None:
        """The page for ``key``, built now if it has not been shown yet; None if not allowed."""
        page = self.page_widgets.get(key)
        if page is None and key in self._allowed and key in self._page_builders:
            page = self._page_builders[key]()
            self.page_widgets[key] = page
            self.pages.addWidget(page)
        return page

    def built(self, key: str) -> QWidget | None:
        """The page for ``key`` if it has been built, without building it."""
        return self.page_widgets.get(key)

    def _required(self, key: str) -> Any:
        page = self.page(key)
        assert page is not None, key
        return page

    @property
    def dashboard(self) -> DashboardPage:
        page: DashboardPage = self._required(DASHBOARD)
        return page

    @property
    def registration(self) -> QWidget:
        page: QWidget = self._required(REGISTRATION)
        return page

    @property
    def case_list(self) -> CaseListPage:
        page: CaseListPage = self._required(CASES)
        return page

    @property
    def rewards_page(self) -> RewardsPage:
        page: RewardsPage = self._required(REWARDS)
        return page

    @property
    def follow_up_page(self) -> FollowUpPage:
        page: FollowUpPage = self._required(FOLLOW_UP)
        return page

    @property
    def reports_page(self) -> ReportsPage:
        page: ReportsPage = self._required(REPORTS)
        return page

    @property
    def settings_page(self) -> SettingsPage | None:
        page = self.page(SETTINGS)
        return page  # type: ignore[return-value]

    def _built_case_list(self) -> CaseListPage | None:
        page = self.built(CASES)
        return page  # type: ignore[return-value]

    def _build_dashboard(self) -> QWidget:
        page = DashboardPage(self.svc, self.actor)
        page.selection_chosen.connect(self.open_selection)
        return page

    def _build_registration(self) -> QWidget:
        page = build_registration_page(self.svc, self.actor)
        registered = getattr(page, "registered", None)
        if registered is not None:
            registered.connect(self._on_registered)
        return page

    def _build_case_list(self) -> QWidget:
        from ui.case_list import CaseListPage

        page = CaseListPage(
            self.svc, fetch_rows=self._fetch_rows, actor=self.actor, background=True
        )
        page.count_changed.connect(self._show_count)
        page.count_changed.connect(self._update_notice)
        page.case_activated.connect(self.open_case)
        page.load()
        return page

    def _build_rewards(self) -> QWidget:
        from ui.rewards.page import RewardsPage

        return RewardsPage(self.svc, self.actor)

    def _build_follow_up(self) -> QWidget:
        from ui.followup.page import FollowUpPage

        return FollowUpPage(self.svc, self.actor)

    def _build_reports(self) -> QWidget:
        from ui.reports.page import ReportsPage

        page = ReportsPage(self.svc, self.actor)
        page.imports.cases_created.connect(lambda count: self._refresh_case_list())
        return page

    def _build_settings(self) -> QWidget:
        from ui.settings import SettingsPage

        page = SettingsPage(self.svc, self.actor)
        page.settings_changed.connect(self._on_settings_changed)
        return page

    def _refresh_case_list(self) -> None:
        """The list re-reads if it has been built; otherwise it reads when first shown."""
        page = self._built_case_list()
        if page is not None:
            page.refresh()

    # ----- construction -------------------------------------------------------------------

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        self.batch_reminders_action = QAction(self.tr("&Batch print reminder notices…"), self)
        self.batch_reminders_action.setStatusTip(
            self.tr(
                "Issue a reminder notice for every case past its deadline, preview them, then print them all (JY12345 art. 19)"
            )
        )
        self.batch_reminders_action.triggered.connect(self.batch_print_reminders)
        file_menu.addAction(self.batch_reminders_action)
        self.verify_audit_action = QAction(self.tr("&Verify the audit trail…"), self)
        self.verify_audit_action.setStatusTip(
            self.tr(
                "Check that no event was changed, deleted or inserted behind the program "
                "(the hash chain of every event)"
            )
        )
        self.verify_audit_action.setVisible(self.actor.can(Action.VERIFY_AUDIT))
        self.verify_audit_action.triggered.connect(self.verify_audit)
        file_menu.addAction(self.verify_audit_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("E&xit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        view_menu = menu_bar.addMenu(self.tr("&View"))
        self.place_actions: dict[str, QAction] = {}
        for place in self.places:
            action = QAction(place.label, self)
            action.setShortcut(QKeySequence(place.shortcut))
            action.setStatusTip(self.tr("Go to the “{page}” page").format(page=place.label))
            action.triggered.connect(partial(self.show_place, place.key))
            view_menu.addAction(action)
            self.place_actions[place.key] = action
        view_menu.addSeparator()
        self.find_action = QAction(self.tr("&Search cases"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.find_case)
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.refresh_action)

        account_menu = menu_bar.addMenu(self.tr("&Account"))
        self.change_password_action = QAction(self.tr("Change my &password…"), self)
        self.change_password_action.triggered.connect(self.change_password)
        account_menu.addAction(self.change_password_action)

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About"), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_label = QLabel(
            self.tr("User: {name} ({role})").format(
                name=self.actor.display_name, role=self.actor.role.label
            )
        )
        self.profile_label = QLabel()
        self.profile_warning_label = QLabel()
        self.calendar_label = QLabel()
        for label in (self.profile_warning_label, self.calendar_label):
            label.setStyleSheet(f"{WARNING_STYLE} padding: 0 4px;")
            label.hide()
        self.database_label = QLabel()
        self.count_label = QLabel()
        for widget in (
            self.user_label,
            self.profile_label,
            self.profile_warning_label,
            self.calendar_label,
        ):
            bar.addWidget(widget)
        bar.addPermanentWidget(self.database_label)
        bar.addPermanentWidget(self.count_label)

    # ----- actions ------------------------------------------------------------------------

    def show_place(self, key: str) -> None:
        """Bring a page to the front (sidebar, Ctrl+1…Ctrl+7) and give it the keyboard."""
        page = self.page(key)
        if page is None:
            return
        self.pages.setCurrentWidget(page)
        self.navigation.set_current(key)
        self.count_label.setVisible(key == CASES)
        self._update_notice()
        if key == CASES:
            self.case_list.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif key == DASHBOARD:
            self.dashboard.figures["intake_today"].setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            _focus_first(page)

    def current_place(self) -> str | None:
        current = self.pages.currentWidget()
        return next((k for k, w in self.page_widgets.items() if w is current), None)

    def find_case(self) -> None:
        """Ctrl+F from any page: the case list's search box."""
        self.show_place(CASES)
        self.case_list.focus_search()

    def open_selection(self, selection: CaseSelection) -> None:
        """A figure of the 工作台 was clicked: list its cases."""
        if selection.case_filter is not None:
            self.show_cases(selection.case_filter, selection.label)
            return
        # No filter of the case list says the same thing: list the counted ids themselves.
        dialog = CaseSelectionDialog(self.svc, selection, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.case_activated.connect(self.open_case)
        dialog.finished.connect(self._forget_selection_dialog)
        self.selection_dialog = dialog
        dialog.open()

    def _forget_selection_dialog(self) -> None:
        self.selection_dialog = None

    def show_cases(self, case_filter: CaseFilter, title: str) -> None:
        """The case list narrowed to ``case_filter``, its own widgets set where they can say it."""
        page = self.case_list
        due_index = page.due_combo.findData(case_filter.due.value)
        with (
            QSignalBlocker(page.search_box),
            QSignalBlocker(page.state_combo),
            QSignalBlocker(page.due_combo),
            QSignalBlocker(page.kind_combo),
        ):
            page.search_box.clear()
            page.state_combo.setCurrentIndex(0)
            page.kind_combo.setCurrentIndex(0)
            page.due_combo.setCurrentIndex(max(due_index, 0))
        self._notice_filter = case_filter
        self.filter_notice.text.setText(
            self.tr("Showing “{title}” from the dashboard").format(title=title)
        )
        self.show_place(CASES)
        # Set on the model directly: the page's widgets cannot express a date range (today's
        # intake); for the others they now show the same filter.
        page.model.set_filter(case_filter)

    def show_all_cases(self) -> None:
        page = self.case_list
        with QSignalBlocker(page.due_combo):
            page.due_combo.setCurrentIndex(0)
        self._notice_filter = None
        page.apply_filter()
        self._update_notice()
        page.table.setFocus()

    def _update_notice(self) -> None:
        cases = self._built_case_list()
        shown = (
            self._notice_filter is not None
            and cases is not None
            and self.pages.currentWidget() is cases
            and cases.model.case_filter == self._notice_filter
        )
        self.filter_notice.setVisible(shown)

    def apply_automatic_ends(self) -> BackgroundTask[list[int]]:
        """FIRE art. 10: at start, awards not collected in time are waived and those of
        unreachable reporters cancelled, each as an event (in the background)."""
        from app.services import rewards

        svc = self.svc
        return run_in_background(
            self,
            lambda token, report: rewards.expire_overdue(svc),
            on_success=self._automatic_ends_applied,
            on_failure=self._automatic_ends_failed,
        )

    def _automatic_ends_failed(self, failure: Failure) -> None:
        show_failure(self, failure)

    def _automatic_ends_applied(self, case_ids: list[int]) -> None:
        if not case_ids:
            return
        self.statusBar().showMessage(
            translate(
                "MainWindow", "{count} reward claims ended by themselves (waived or cancelled)"
            ).format(count=len(case_ids)),
            15_000,
        )
        self.refresh()

    def refresh(self) -> None:
        """F5: re-read the calendar, the rules in force and the list (the date may have changed)."""
        self.svc.forget_calendar()
        self.refresh_status()
        self._refresh_case_list()
        # Only the page in front re-reads; the others read when next shown or built.
        current = self.current_place()
        if current == DASHBOARD:
            self.dashboard.refresh()
        elif current == SETTINGS and self.settings_page is not None:
            self.settings_page.reload()
        elif current == REWARDS:
            self.rewards_page.refresh()
        elif current == FOLLOW_UP:
            self.follow_up_page.refresh()
        elif current == REPORTS:
            self.reports_page.refresh()

    def _on_settings_changed(self) -> None:
        """Centre name, calendar or rules changed: the title, warnings and due dates follow."""
        self.refresh_status()
        # A loaded holiday schedule moves deadlines; a renamed unit shows in the list.
        self._refresh_case_list()

    def _on_registered(self, case_id: int) -> None:
        """A new case: the list (and the 工作台 when next shown) must include it."""
        self._refresh_case_list()

    def refresh_status(self) -> None:
        info = settings.status(self.svc)
        self.status_info = info
        self.setWindowTitle(f"{app_title()} — {info.centre_name}")
        self.profile_label.setText(self.tr("Rule profile: {name}").format(name=info.profile_name))
        warning = info.profile_warning
        self.profile_warning_label.setText(self.tr("⚠ Rule profile has lapsed") if warning else "")
        self.profile_warning_label.setToolTip(warning or "")
        self.profile_warning_label.setVisible(bool(warning))
        self.profile_label.setToolTip(
            warning or self.tr("Rule profile in force: {name}").format(name=info.profile_name)
        )
        calendar = "\n".join(info.calendar_warnings)
        self.calendar_label.setText(
            self.tr("⚠ Holiday schedule is provisional") if calendar else ""
        )
        self.calendar_label.setToolTip(calendar)
        self.calendar_label.setVisible(bool(calendar))
        location = database_location(info.database)
        self.database_label.setText(self.tr("Database: {location}").format(location=location))
        self.database_label.setToolTip(location)
        self.banner.set_warnings(([warning] if warning else []) + info.calendar_warnings)

    def open_case(self, case_id: int) -> CaseDetailDialog | None:
        """Show one case; window-modal but not blocking, so the list stays as it was."""
        from ui.case_detail import CaseDetailDialog

        try:
            dialog = CaseDetailDialog(self.svc, case_id, actor=self.actor, parent=self)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the case"), str(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # An action on the case moves it in the list and in the dashboard's figures.
        dialog.case_changed.connect(lambda _case_id: self.refresh())
        dialog.open()
        return dialog

    def verify_audit(self) -> None:
        """Walk the events' hash chain in the background, then say what was found (issue 8)."""
        from app.services import audit

        if self.audit_task is not None:
            return
        svc, actor = self.svc, self.actor
        progress = QProgressDialog(
            self.tr("Checking the audit trail…"), self.tr("Cancel"), 0, 0, self
        )
        progress.setWindowTitle(self.tr("Verify the audit trail"))
        progress.setMinimumDuration(300)

        def work(token: CancelToken, report: Report) -> audit.ChainReport:
            return audit.verify_chain(svc, actor, progress=cancellable(token, report))

        def finished() -> None:
            self.audit_task = None
            progress.close()

        def done(result: audit.ChainReport) -> None:
            finished()
            box = QMessageBox(
                QMessageBox.Icon.Information if result.ok else QMessageBox.Icon.Critical,
                self.tr("Verify the audit trail"),
                result.message(),
                QMessageBox.StandardButton.Ok,
                self,
            )
            self.audit_box = box
            box.open()

        def failed(failure: Failure) -> None:
            finished()
            show_failure(self, failure, self.tr("The audit trail was not checked"))

        def moved(done_count: int, total: int, note: str) -> None:
            if total > 0:
                progress.setRange(0, total)
                progress.setValue(done_count)
            progress.setLabelText(note)

        self.audit_task = run_in_background(
            self,
            work,
            on_success=done,
            on_failure=failed,
            on_progress=moved,
            on_cancelled=finished,
        )
        progress.canceled.connect(self.audit_task.cancel)

    def batch_print_reminders(self) -> None:
        """Find the overdue cases (in the background), confirm, then issue and preview them all."""
        from app.services import printing

        if self.reminder_task is not None or self.batch_dialog is not None:
            return
        svc, actor = self.svc, self.actor

        def find(token: CancelToken, report: Report) -> tuple[list[int], list[str]]:
            case_ids = printing.overdue_reminders(svc, actor)
            numbers = {row.id: row.number for row in queries.case_rows(svc, case_ids)}
            return case_ids, [
                translate("MainWindow", "Reminder notice {number}").format(number=numbers.get(i, i))
                for i in case_ids
            ]

        self.batch_reminders_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Looking for overdue cases…"))
        self.reminder_task = run_in_background(
            self, find, on_success=self._confirm_reminders, on_failure=self._reminders_failed
        )

    def _reminders_found(self) -> None:
        self.reminder_task = None
        self.statusBar().clearMessage()

    def _reminders_failed(self, failure: Failure) -> None:
        self._reminders_found()
        self.batch_reminders_action.setEnabled(True)
        show_failure(self, failure, self.tr("Cannot batch print"))

    def _confirm_reminders(self, found: tuple[list[int], list[str]]) -> None:
        self._reminders_found()
        case_ids, labels = found
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Batch print reminder notices"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reminder_confirm = box
        box.finished.connect(self._forget_confirm)
        if not case_ids:
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(self.tr("No case is past its deadline and needs a reminder at the moment."))
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            box.open()
            return
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(
            self.tr(
                "{count} cases are past their deadline; a reminder notice will be issued for each."
            ).format(count=len(case_ids))
        )
        box.setInformativeText(
            self.tr(
                "Each notice gets a number and is recorded in the case's history; after they are issued you can preview them, then print or save them all."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        go = box.button(QMessageBox.StandardButton.Yes)
        go.setText(self.tr("Issue and preview"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        # QMessageBox finishes with the button's code, not Accepted: ask which was clicked.
        box.buttonClicked.connect(
            lambda button: self.start_reminder_batch(case_ids, labels) if button == go else None
        )
        box.open()

    def _forget_confirm(self) -> None:
        self.reminder_confirm = None
        if self.batch_dialog is None:
            self.batch_reminders_action.setEnabled(True)

    def start_reminder_batch(self, case_ids: list[int], labels: list[str]) -> BatchPrintDialog:
        from ui.printing.batch import BatchPrintDialog, reminder_work

        # One batch issue: one PDF with the fonts embedded once, 25 notices a transaction.
        work = reminder_work(self.svc, self.actor, case_ids, labels)
        dialog = BatchPrintDialog(self, self.tr("Reminder notice"), [], labels, work=work)
        dialog.batch_finished.connect(self._reminder_batch_done)
        self.batch_dialog = dialog
        self.batch_reminders_action.setEnabled(False)
        dialog.start()
        return dialog

    def _reminder_batch_done(self, result: object) -> None:
        self.batch_dialog = None
        self.batch_reminders_action.setEnabled(True)
        # Each reminder is an event of its case: the list's columns may have changed.
        self._refresh_case_list()

    def change_password(self) -> ChangePasswordDialog:
        from ui.account import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.svc, self.actor, self)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        try:
            version = metadata.version("towndesk")
        except metadata.PackageNotFoundError:
            version = self.tr("development version")
        QMessageBox.about(
            self,
            self.tr("About TownDesk"),
            self.tr(
                "<b>{title}</b><br>Version {version}<br><br>"
                "For the counter staff of the town service centre: registering, referring and "
                "following up requests, and handling rewards for fire hazard tip-offs.<br>"
                "Deadlines and rules follow the articles of the documents in the chosen rule "
                "profile."
            ).format(title=app_title(), version=version),
        )

    # ----- slots and Qt overrides ---------------------------------------------------------

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("{count} cases").format(count=count))

    def file_jobs_running(self) -> bool:
        reports: ReportsPage | None = self.built(REPORTS)  # type: ignore[assignment]
        cases = self._built_case_list()
        return bool(
            (reports is not None and reports.busy) or (cases is not None and cases.export_job.busy)
        )

    def confirm_stop_jobs(self) -> bool:
        """Closing stops a report or import under way (it then writes nothing): ask first."""
        answer = QMessageBox.question(
            self,
            self.tr("A job is still running"),
            self.tr(
                "A report or an import of work orders is still running. Closing stops it and "
                "nothing of it is written. Close anyway?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.file_jobs_running() and not self.confirm_stop_jobs():
            event.ignore()
            return
        cases = self._built_case_list()
        if cases is not None:
            cases.save_layout()
        preferences.save_bytes(GEOMETRY_KEY, GEOMETRY_VERSION, self.saveGeometry())
        super().closeEvent(event)
