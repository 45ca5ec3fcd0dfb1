"""The 登记 registration screen: the form, its live checks, duplicates, and the intake decisions."""

from ui.registration.page import RegistrationPage

__all__ = ["RegistrationPage"]
