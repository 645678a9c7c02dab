"""Text of a scan or photo (PNG, JPEG, TIFF — every page of a multi-page TIFF —, GIF,
BMP, WebP): Pillow opens it, :mod:`chidao.extract.ocr` reads it.

Pages are joined as a PDF's are (:data:`~chidao.extract.read_pdf.PAGE_BREAK`),
with the same problems for an empty or a low-confidence page.
"""

from __future__ import annotations

import io
import warnings

from chidao.errors import InputError
from chidao.extract import ocr
from chidao.extract.ocr import Progress
from chidao.extract.read_pdf import join_pages
from chidao.extract.records import Problem, Reading


def read_image(
    data: bytes, source: str, *, ocr_on: bool = True, progress: Progress | None = None
) -> tuple[str, tuple[Problem, ...], Reading]:
    """OCR every page of an image file: its text, its problems and the :class:`Reading`."""
    what = image_kind(data)
    if not ocr_on:
        raise InputError(f"{what}: needs OCR, which is off (--no-ocr)", source=source)
    engine = ocr.engine(source)
    from PIL import Image, ImageSequence

    pages: list[str] = []
    confidence: dict[int, float | None] = {}
    with warnings.catch_warnings():
        # Pillow warns, then refuses, past its pixel limit: refuse at once, in one line.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                frames = getattr(image, "n_frames", 1)
                ocr.check_page_count(frames, source)
                for number, frame in enumerate(ImageSequence.Iterator(image), 1):
                    if frame.width * frame.height > 2 * ocr.MAX_PIXELS:
                        raise InputError(
                            f"{what} of {frame.width}×{frame.height} pixels, over the limit of "
                            f"{2 * ocr.MAX_PIXELS / 1e6:.0f} million",
                            source=source,
                        )
                    if progress is not None:
                        progress(source, number, frames)
                    page = ocr.ocr_image(frame.copy(), source)
                    pages.append(page.text)
                    confidence[number] = page.confidence
        except InputError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise InputError(f"{what} too large to read ({exc})", source=source) from exc
        except Image.UnidentifiedImageError as exc:
            raise InputError(f"damaged {what} (Pillow cannot decode it)", source=source) from exc
        except Exception as exc:  # Pillow raises many types on damaged files
            raise InputError(
                f"damaged {what} ({type(exc).__name__}: {exc})".replace("\n", " "), source=source
            ) from exc
    text, problems = join_pages(pages, confidence)
    if not text.strip():
        raise InputError(f"no text found by OCR in the {what}", source=source)
    return text, problems, Reading(text, "ocr", engine, tuple(confidence.items()))


#: Magic numbers of the image formats read by OCR, and their names in messages.
IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
)


def image_kind(data: bytes) -> str | None:
    """``"PNG image"``, ``"JPEG image"``… for the bytes of an image file, else ``None``.

    >>> image_kind(b"\\x89PNG\\r\\n\\x1a\\n...."), image_kind(b"RIFF1234WEBPVP8 ")
    ('PNG image', 'WebP image')
    >>> image_kind(b"BM-01 form"), image_kind(b"BM\\x36\\x00\\x01\\x00\\x00\\x00\\x00\\x00")
    (None, 'BMP image')
    """
    for magic, what in IMAGE_MAGIC:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP image"
    if data[:2] == b"BM" and data[6:10] == b"\0\0\0\0":  # "BM", size, 4 reserved zero bytes
        return "BMP image"
    return None
