"""Printed documents (reportlab) and Excel workbooks (openpyxl)."""
