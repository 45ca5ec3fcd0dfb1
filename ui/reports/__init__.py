"""The 报表 page: Excel reports for upstream and the import of work orders."""
