"""Printing our PDFs on a QPrinter: each page rasterised by QtPdf and drawn at its true size.

``print_pdf`` is safe to call in a worker thread: Qt allows a QPainter on a QPrinter (and on a
QImage) outside the GUI thread as long as only one thread paints on it, and QtPdf serialises
its own use of PDFium with a global lock. The GUI thread only shows the print dialog and later
hears the result, so the window never waits for the printer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from app.domain.errors import DomainError
from ui.background import CancelToken, Report
from ui.i18n import translate

# Pages are rasterised at the printer's resolution but never finer than this: 300 dpi keeps
# 16 pt body text and QR codes sharp, while a 1200 dpi "high resolution" printer would make every
# A4 page a 550 MB image and hold QtPdf's global lock (which the preview also needs) for long.
MAX_RENDER_DPI = 300
POINTS_PER_INCH = 72.0


class PdfUnreadable(DomainError):
    """The bytes handed to the printer are not a PDF QtPdf can open."""


def load_pdf(pdf: bytes, document: QPdfDocument | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over ``pdf``; keep the buffer alive as long as the document.

    A random-access QBuffer makes QtPdf load synchronously, so the status is final on return.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = document or QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PdfUnreadable(
            translate(
                "Printing",
                "The document cannot be read (the PDF is damaged or empty); please issue it again, then print.",
            )
        )
    return document, buffer


def configure_printer(printer: QPrinter, document_name: str) -> None:
    """A4 portrait, full page: our PDFs carry their own GB/T 9704 margins, so the page is drawn
    1:1 from the paper's corner instead of being shrunk into the printable area."""
    printer.setDocName(document_name)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def page_numbers(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages to print: the range chosen in the print dialog, or all."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return list(range(page_count))
    return list(range(max(first, 1) - 1, min(last, page_count)))


def fitted_rect(page: QSizeF, paper: QRectF) -> tuple[QRectF, bool]:
    """Where a page of ``page`` points goes on ``paper`` (device pixels), and whether it turns.

    An A4 page on A4 paper lands exactly on the paper; anything else is scaled to fit, keeping
    its aspect, centred. A landscape page on portrait paper is turned a quarter instead of being
    shrunk to half its size.
    """
    rotate = (page.width() > page.height()) != (paper.width() > paper.height())
    width, height = (page.height(), page.width()) if rotate else (page.width(), page.height())
    scale = min(paper.width() / width, paper.height() / height)
    size = QSizeF(width * scale, height * scale)
    top_left = QPointF(
        paper.x() + (paper.width() - size.width()) / 2,
        paper.y() + (paper.height() - size.height()) / 2,
    )
    return QRectF(top_left, size), rotate


def render_page(document: QPdfDocument, page: int, size: QSize, *, grayscale: bool) -> QImage:
    """One page as an opaque image (QtPdf renders on transparent; paper is white)."""
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    if grayscale:
        # A quarter of the data to the spooler when the driver prints in black and white anyway.
        return image.convertToFormat(QImage.Format.Format_Grayscale8)
    return image


def print_pdf(
    printer: QPrinter,
    pdf: bytes,
    cancel_token: CancelToken | None = None,
    report: Report | None = None,
) -> int:
    """Print every page of ``pdf`` (or the dialog's page range); returns the pages printed.

    Runs in whatever thread calls it and touches no widget. When ``cancel_token`` is cancelled
    between pages the print job is aborted, so no half-printed document reaches the printer.
    """
    document, _buffer = load_pdf(pdf)
    pages = page_numbers(printer, document.pageCount())
    # Without driver-side copies (some Linux set-ups) the copies are printed here.
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    sequence: Sequence[int] = pages * copies
    resolution = printer.resolution()
    dpi = min(resolution, MAX_RENDER_DPI)
    grayscale = printer.colorMode() == QPrinter.ColorMode.GrayScale
    total = len(sequence)

    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        target_file = Path(printer.outputFileName())
        if not printer.outputFileName() or target_file.is_dir():
            raise DomainError(
                translate(
                    "Printing",
                    "Please enter the name of the PDF file to save in the print dialog (not just a folder), then try again.",
                )
            )
    painter = QPainter()
    if not painter.begin(printer):
        raise DomainError(
            translate(
                "Printing",
                "Cannot start printing: the printer is unavailable or the output file cannot be "
                "written. Please check that the printer is on, connected and has paper, or choose "
                "another place to save, then try again.",
            )
        )
    printed = 0
    aborted = False
    try:
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for index, page in enumerate(sequence):
            if cancel_token is not None and cancel_token.cancelled:
                # A system printer drops the spooled pages; the PDF engine ignores this.
                printer.abort()
                aborted = True
                break
            if index:
                printer.newPage()
            target, rotate = fitted_rect(document.pagePointSize(page), paper)
            # Image pixels for the target at ``dpi`` rather than the printer's full resolution.
            side = (
                (target.height(), target.width()) if rotate else (target.width(), target.height())
            )
            size = QSize(
                max(1, math.ceil(side[0] * dpi / resolution)),
                max(1, math.ceil(side[1] * dpi / resolution)),
            )
            image = render_page(document, page, size, grayscale=grayscale)
            painter.save()
            if rotate:
                # Turn a quarter clockwise about the target's centre, then draw upright.
                painter.translate(target.center())
                painter.rotate(90)
                painter.translate(-target.height() / 2, -target.width() / 2)
                painter.drawImage(QRectF(0, 0, target.height(), target.width()), image)
            else:
                painter.drawImage(target, image)
            painter.restore()
            printed += 1
            if report is not None:
                report(
                    printed,
                    total,
                    translate("Printing", "Printing page {page}/{total}").format(
                        page=printed, total=total
                    ),
                )
    finally:
        painter.end()
    if aborted and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        # Qt's PDF engine cannot abort and finishes the file with the pages so far: remove it,
        # so a partial copy is never taken for the whole document.
        Path(printer.outputFileName()).unlink(missing_ok=True)
    return printed
