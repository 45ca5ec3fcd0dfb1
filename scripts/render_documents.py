"""Renders every sample document to docs/documents/ (PDF, PNG per page, README.md gallery).

PNGs come from ``pdftoppm`` (poppler-utils) at a low resolution, cut to 16 colours with Pillow
(installed with reportlab), so the repository stays light;
open them and look before calling a layout change done (issue 3).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "docs" / "documents"
# A fixed day, so that re-running the script changes the gallery only when the layout changes.
SAMPLE_DAY = date(2026, 11, 23)


def _shrink(png: Path) -> None:
    """16 colours are plenty for black text, grey rules and the red heading: ~4× smaller files."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=16)
    small.save(png, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--day", type=date.fromisoformat, default=SAMPLE_DAY, help="issue date")
    parser.add_argument("--dpi", type=int, default=70, help="PNG resolution (60–80)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from dataclasses import replace

    from app.documents.payloads import ReminderData
    from app.documents.render import render, render_batch
    from app.documents.samples import sample_documents, sample_name

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found: apt-get install poppler-utils", file=sys.stderr)
        return 1
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    lines = [
        "# 文书样张 (sample documents)",
        "",
        f"Rendered by `scripts/render_documents.py` from `app/documents/samples.py` "
        f"(issue date {args.day.isoformat()}), {args.dpi} dpi. Demo data only: the centre, people "
        "and units are invented.",
        "",
    ]
    samples = sample_documents(args.day)
    # 批量打印催办通知书 prints one PDF of several notices (printing.issue_reminders): each starts
    # on a new page and is numbered from 1; here the sample and a reminder sent once more.
    reminder = next((m, p) for m, p in samples if isinstance(p, ReminderData))
    first = reminder[1]
    assert isinstance(first, ReminderData)
    again = (
        replace(reminder[0], sequence=reminder[0].sequence + 1),
        replace(first, reminders_before=first.reminders_before + 1),
    )
    documents = [(m, sample_name(m, p), render(m, p)) for m, p in samples]
    documents.append((reminder[0], "reminder_notice_batch", render_batch([reminder, again])))
    for meta, name, data in documents:
        pdf = out / f"{name}.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            [pdftoppm, "-png", "-r", str(args.dpi), str(pdf), str(out / name)], check=True
        )
        pages = sorted(out.glob(f"{name}-*.png"))
        for page in pages:
            _shrink(page)
        variant = {
            "receipt_anonymous": "（匿名）",
            "receipt_reprint": "（补打）",
            "reminder_notice_batch": "（批量打印，两份）",
        }.get(name, "")
        lines.append(f"## {meta.doc_type.label}{variant} — `{name}`")
        lines.append("")
        lines.append(f"{meta.number_text}, {len(pages)} page(s): [PDF]({pdf.name})")
        lines.append("")
        lines.append(" ".join(f"![{name} page {i}]({p.name})" for i, p in enumerate(pages, 1)))
        lines.append("")
        print(f"{pdf.relative_to(REPO) if pdf.is_relative_to(REPO) else pdf}: {len(pages)} page(s)")
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
