"""OCR benchmark: seconds per page, and extraction quality of letters read back by OCR.

Each seed letter (``data/samples/*.txt``) is typeset as a scanned A4 letter
would look — the header in its two columns side by side (issuing body, number
and subject left; motto, place and date right), the body in 13 pt DejaVu Sans
wrapped at the margins — rendered at 300 dpi, saved as a picture-only PDF
(no text layer), read back by ``chidao`` (pypdfium2 + Tesseract) and scored
against the gold records with ``../shared/eval/score.py``::

    nice .venv/bin/python bench/bench_ocr.py            # the five seeds, 300 dpi
    nice .venv/bin/python bench/bench_ocr.py --dpi 200 --jobs 2 --keep /tmp/ocr

It prints seconds per OCR'd page and the scorer's summary.  The renderer is
also what the OCR tests use (``tests/extract/test_ocr.py`` loads this file).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"  # ../shared beside the repository

FONT_GLOBS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/**/DejaVuSans.ttf",
    "/usr/local/share/fonts/**/DejaVuSans.ttf",
)
A4_MM = (210, 297)
MARGINS_MM = (25, 20, 20, 20)  # left, top, right, bottom: Decree 30's margins
POINTS = 13
_EMPHASIS = re.compile(r"\*+")
_MOTTO = re.compile(r"CỘNG (SẢN|HÒA|HOÀ)")
_MOTTO_LINE = re.compile(r"CỘNG (SẢN|HÒA|HOÀ)|Độc lập")
_DATE = re.compile(r"ngày \d+ tháng \d+ năm \d+")


def font_path() -> str | None:
    """DejaVu Sans (Debian: fonts-dejavu-core), or None."""
    for pattern in FONT_GLOBS:
        found = sorted(glob(pattern, recursive=True))
        if found:
            return found[0]
    return None


def header_columns(text: str) -> tuple[list[str], list[str], list[str]]:
    """(left column, right column, body lines) of a letter typed one header line after another.

    Decree 30's layout: the right column holds the national motto
    (``CỘNG HÒA…``/``ĐẢNG CỘNG SẢN…``, ``Độc lập…``) and the place-and-date line;
    every other header line (issuing body, number, a ``V/v`` subject right after
    the header) goes in the left column.
    """
    lines = [_EMPHASIS.sub("", ln).rstrip() for ln in text.strip("\n").split("\n")]
    motto = next((i for i, s in enumerate(lines) if _MOTTO.search(s)), None)
    date = next((i for i, s in enumerate(lines) if _DATE.search(s)), None)
    if motto is None or date is None:
        return [], [], lines
    end = max(motto, date) + 1
    right = [s for i, s in enumerate(lines[:end]) if i == date or _MOTTO_LINE.search(s)]
    left = [s for i, s in enumerate(lines[:end]) if s.strip() and s not in right]
    rest = lines[end:]
    first = next((i for i, s in enumerate(rest) if s.strip()), None)
    if first is not None and rest[first].lstrip().startswith("V/v"):
        stop = next((i for i in range(first, len(rest)) if not rest[i].strip()), len(rest))
        left += rest[first:stop]
        rest = rest[stop:]
    return left, right, rest


def render_letter(text: str, *, dpi: int = 300, font: str | None = None) -> list:
    """The pages of ``text`` typeset as a scanned A4 letter: a list of grey Pillow images."""
    from PIL import Image, ImageDraw, ImageFont

    font = font or font_path()
    if font is None:
        raise RuntimeError("no DejaVu Sans font (apt-get install fonts-dejavu-core)")
    px = dpi / 25.4
    width, height = (round(v * px) for v in A4_MM)
    left_m, top_m, right_m, bottom_m = (round(v * px) for v in MARGINS_MM)
    face = ImageFont.truetype(font, round(POINTS / 72 * dpi))
    step = round(face.size * 1.45)
    pages: list = []
    draw = None
    y = 0

    def new_page() -> None:
        nonlocal draw, y
        pages.append(Image.new("L", (width, height), 255))
        draw = ImageDraw.Draw(pages[-1])
        y = top_m

    def wrap(line: str, limit: int) -> list[str]:
        out, cur = [], ""
        for word in line.split():
            trial = f"{cur} {word}".strip()
            if cur and draw.textlength(trial, font=face) > limit:
                out.append(cur)
                cur = word
            else:
                cur = trial
        return [*out, cur] if cur else out

    def put(line: str, x: int, limit: int, center: bool = False) -> None:
        nonlocal y
        for piece in wrap(line, limit) or [""]:
            if y + step > height - bottom_m:
                new_page()
            dx = (limit - draw.textlength(piece, font=face)) / 2 if center else 0
            draw.text((x + dx, y), piece, fill=0, font=face)
            y += step

    new_page()
    left, right, body = header_columns(text)
    if left or right:
        # Decree 30: the issuing body's column about 2/5 of the width, the motto's 3/5.
        text_width = width - left_m - right_m
        narrow, wide = round(text_width * 0.40), round(text_width * 0.58)
        top = y
        for line in left:
            put(line, left_m, narrow, center=True)
        bottom = y
        y = top
        for line in right:
            put(line, width - right_m - wide, wide, center=True)
        y = max(y, bottom) + step
    for line in body:
        if line.strip():
            put(line, left_m, width - left_m - right_m)
        else:
            y += step // 2
    return pages


def degrade(image, seed: int = 0):
    """A page as a tired office scanner gives it: turned 0.7°, slightly blurred, grey
    paper with speckle noise."""
    from PIL import Image, ImageChops, ImageFilter

    turned = image.rotate(0.7, resample=Image.Resampling.BICUBIC, fillcolor=255)
    soft = turned.filter(ImageFilter.GaussianBlur(0.8))
    noise = Image.effect_noise(image.size, 40).point(lambda v: 255 if v > 60 else 200)
    return ImageChops.darker(soft.point(lambda v: min(v, 235)), noise)


def scanned_pdf(pages: list, dpi: int = 300) -> bytes:
    """A PDF of page images only (no text layer), as a scanner writes it."""
    out = io.BytesIO()
    first, *rest = [p.convert("L") for p in pages]
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=dpi)
    return out.getvalue()


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract, workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the PDFs and records in this folder")
    parser.add_argument(
        "--degrade", action="store_true", help="turn, blur and speckle the pages (a worn scan)"
    )
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "seeds.json")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score.py")
    args = parser.parse_args(argv)

    from chidao.extract import ocr
    from chidao.extract.batch import extract_many

    if not ocr.available():
        print(f"Tesseract with Vietnamese is not installed ({ocr.INSTALL})", file=sys.stderr)
        return 1
    folder = args.keep or Path(tempfile.mkdtemp(prefix="chidao-bench-ocr-"))
    folder.mkdir(parents=True, exist_ok=True)
    pages = 0
    for sample in sorted(SAMPLES.glob("*.txt")):
        images = render_letter(sample.read_text(encoding="utf-8"), dpi=args.dpi)
        if args.degrade:
            images = [degrade(im) for im in images]
        pages += len(images)
        (folder / f"{sample.stem}.pdf").write_bytes(scanned_pdf(images, args.dpi))
    started = time.perf_counter()
    cpu0 = _cpu()
    records = []
    for outcome in extract_many(sorted(folder.glob("*.pdf")), jobs=args.jobs):
        for line in outcome.messages():
            print(line, file=sys.stderr)
        if outcome.record is not None:
            row = outcome.record.to_json()
            row["source"] = Path(row["source"]).stem + ".txt"  # the gold names the .txt
            records.append(row)
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu0
    pred = folder / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    print(
        f"{pages} {'degraded ' if args.degrade else ''}pages at {args.dpi} dpi, "
        f"--jobs {args.jobs}: {seconds:.1f} s wall, "
        f"{seconds / pages:.2f} s/page; CPU {cpu / pages:.2f} s/page "
        f"({ocr.engine('bench')}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    if args.gold.is_file() and args.scorer.is_file():
        subprocess.run([sys.executable, str(args.scorer), str(args.gold), str(pred)], check=False)
    else:
        print(f"gold or scorer absent ({args.gold}, {args.scorer}): not scored")
    print(f"files in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
