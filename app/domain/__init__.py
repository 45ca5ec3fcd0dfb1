"""The domain of TownDesk: cases, deadlines, rules and people, in pure Python (no Qt, no SQLAlchemy)."""
