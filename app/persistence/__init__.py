"""Storage: SQLAlchemy tables, the mapping of domain objects onto them, sessions and migrations."""
