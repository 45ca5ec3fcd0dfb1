"""Start TownDesk: the window with no arguments, otherwise a command-line task (see app.cli)."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
