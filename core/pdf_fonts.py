"""The font every PDF of the site is set in: DejaVu Sans, which has Vietnamese's glyphs.

Debian's `fonts-dejavu-core` provides it (CI installs it). Lot labels, packing slips and the
other printed sheets register it once per process through `pdf_fonts_register()`.
"""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
FONT_DIRECTORIES = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


class FontMissing(RuntimeError):
    pass


def pdf_fonts_register() -> None:
    """Registers DejaVu Sans and its bold with reportlab, once; `FontMissing` if not installed."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for directory in FONT_DIRECTORIES:
        regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont(FONT, str(regular)))
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
            return
    raise FontMissing("DejaVu Sans is needed for Vietnamese PDFs: apt-get install fonts-dejavu-core")
