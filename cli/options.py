"""Option decorators shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from chidao.settings import STORE_ENV, default_store_path

F = TypeVar("F", bound=Callable[..., Any])


def store_option(fn: F) -> F:
    """``--store PATH``: the embedded store's folder."""
    return click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False, path_type=str),
        default=None,
        envvar=STORE_ENV,
        show_envvar=True,
        help=f"Embedded store folder [default: {default_store_path()}]",
    )(fn)


def endpoint_options(fn: F) -> F:
    """``--endpoint URL`` and ``--update-endpoint URL``: a remote SPARQL 1.1 store."""
    fn = click.option(
        "--update-endpoint",
        default=None,
        metavar="URL",
        help="SPARQL 1.1 Update URL where it differs from --endpoint.",
    )(fn)
    return click.option(
        "--endpoint",
        default=None,
        metavar="URL",
        envvar="CHIDAO_ENDPOINT",
        show_envvar=True,
        help="Use a remote SPARQL 1.1 store instead of the embedded one.",
    )(fn)


def format_option(*choices: str, default: str | None = None) -> Callable[[F], F]:
    """``--format`` limited to ``choices``."""

    def deco(fn: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=default or choices[0],
            show_default=True,
            help="Output format.",
        )(fn)

    return deco


def ocr_option(fn: F) -> F:
    """``--ocr/--no-ocr``: read scans and images with Tesseract (the parameter is ``ocr``)."""
    return click.option(
        "--ocr/--no-ocr",
        "ocr",
        default=True,
        show_default=True,
        help="Read scanned PDF pages and images (.png .jpg .tif) with Tesseract OCR "
        "(Debian: apt-get install tesseract-ocr tesseract-ocr-vie); --no-ocr refuses them.",
    )(fn)


def doc_ref_options(fn: F) -> F:
    """``--issuer`` and ``--year``: narrow a document number that repeats."""
    fn = click.option(
        "--year", type=int, default=None, help="The document's year, where numbers repeat."
    )(fn)
    return click.option(
        "--issuer",
        default=None,
        metavar="NAME",
        help="Part of the issuer's name (accents optional), where numbers repeat.",
    )(fn)


def html_output_option(fn: F) -> F:
    """``-o/--output FILE``: the HTML page to write (required; the parameter is ``output``)."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        required=True,
        help="HTML file to write.",
    )(fn)
