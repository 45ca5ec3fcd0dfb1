"""The working-day calendar: official holidays, swapped weekends and period counting."""

from app.calendar.bounds import FIRST_YEAR, LAST_YEAR
from app.calendar.package_data import last_package_year
from app.calendar.schedule import (
    YearSchedule,
    dump_schedule_file,
    load_schedule_file,
    schedule_from_package,
)
from app.calendar.work_calendar import DueDate, WorkCalendar, nth_day_after

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "DueDate",
    "WorkCalendar",
    "YearSchedule",
    "dump_schedule_file",
    "last_package_year",
    "load_schedule_file",
    "nth_day_after",
    "schedule_from_package",
]
