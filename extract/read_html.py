"""Text of a saved web page (``.html``/``.htm``, and ``.mht`` single-file pages), with lxml.

Legal portals show a directive as HTML: the header is a two-column table
(issuing body and number left, motto and place-date right), and many add a
metadata table (Số hiệu, Ngày ban hành, Cơ quan ban hành…).  The text keeps
both the way the rest of chidao reads them: one line per paragraph, and a
data table row by row as ``| cell | cell |`` lines, cells in order, each
cell's lines joined by a space::

    | ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - … |
    | Số hiệu | 18/CT-UBND | Cơ quan ban hành | Thành phố Huế |

A table that holds other tables or long paragraphs is page layout, not data:
its cells are read as ordinary blocks.  Scripts, styles, forms and the page's
chrome (``<nav>``, ``<footer>``, ``<aside>``, elements whose class or id names a
menu, breadcrumb, sidebar, share bar…, hidden elements) are dropped.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re

from chidao.errors import InputError
from chidao.extract import regexes as rx
from chidao.extract.encodings import decode_text

#: Elements whose content is never document text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "nav", "footer", "aside", "form", "button", "select", "textarea", "input", "head", "title",
    "map", "audio", "video",
)  # fmt: skip
#: Elements that start a new line.
BLOCK_TAGS = frozenset(
    "address article blockquote body center dd details dialog div dl dt fieldset figcaption "
    "figure h1 h2 h3 h4 h5 h6 header hr li main ol p pre section summary ul caption".split()
)
#: A table whose cells are all at most this long (characters) is data (a header or metadata
#: table), read as ``|`` rows; a longer cell means the table lays out the page.
MAX_CELL = 400


def sniff_html(data: bytes) -> str | None:
    """``"html"`` or ``"mht"`` when the bytes are a saved web page, else ``None``.

    >>> sniff_html(b"<!DOCTYPE html><html><body>x"), sniff_html(b"Kinh gui"), sniff_html(
    ...     b"From: <Saved by Blink>\\r\\nMIME-Version: 1.0\\r\\nContent-Type: multipart/related")
    ('html', None, 'mht')
    """
    head = data[:4096]
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            enc = "utf-8-sig" if bom == codecs.BOM_UTF8 else "utf-16"
            head = head.decode(enc, "replace").encode("utf-8")
            break
    if rx.HTML_START.match(head):
        return "html"
    if rx.MHT_START.match(head) and b"multipart/related" in head.lower():
        return "mht"
    return None


def read_html(data: bytes, source: str, kind: str = "html") -> tuple[str, str]:
    """The text of a web page, and the encoding it was in (``"utf-8"``, ``"windows-1258"``…)."""
    if kind == "mht":
        data, charset = _mht_html(data, source)
    else:
        charset = None
    markup, encoding = _decode(data, source, charset)
    try:
        import lxml.html

        root = lxml.html.document_fromstring(markup)
    except Exception as exc:  # lxml raises ParserError / ValueError on empty or odd input
        raise InputError(
            f"damaged web page ({type(exc).__name__}: {exc})".replace("\n", " "), source=source
        ) from exc
    _strip(root)
    lines: list[str] = []
    try:
        _block_lines(root, lines, _holding_blocks(root))
    except RecursionError as exc:  # libxml2 caps nesting at 256; this is the second line
        raise InputError("web page nested too deeply to read", source=source) from exc
    return "\n".join(lines), encoding


def _holding_blocks(root) -> set:
    """The elements that hold a block, a table or a line break somewhere inside (one pass)."""
    out: set = set()
    for el in root.iter():
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in BLOCK_TAGS or tag in ("table", "br"):
            parent = el.getparent()
            while parent is not None and parent not in out:
                out.add(parent)
                parent = parent.getparent()
    return out


def _decode(data: bytes, source: str, charset: str | None) -> tuple[str, str]:
    """The page as text: its BOM, else the charset it declares, else detected like plain text."""
    declared = charset or _declared_charset(data)
    if declared and not data.startswith(
        (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        try:
            name = codecs.lookup(declared).name
            # Python says "cp1258"; chidao's names for plain text are "windows-1258" & co.
            return data.decode(declared), re.sub(r"^cp(125\d)$", r"windows-\1", name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    decoded = decode_text(data, source)
    return decoded.text, decoded.encoding


def _declared_charset(data: bytes) -> str | None:
    m = rx.HTML_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _mht_html(data: bytes, source: str) -> tuple[bytes, str | None]:
    """The first ``text/html`` part of a MIME (.mht) page, decoded from its transfer encoding."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise InputError("saved web page (.mht) without an HTML part", source=source)


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or "display:none" in style
        or "visibility:hidden" in style
        or el.get("role") in ("navigation", "banner", "contentinfo", "search")
    )


# Elements never dropped for their class or id ("table-tags" holding the metadata, a body
# whose class names the site's menu layout).
_NEVER_CHROME = frozenset({"body", "html", "table", "tbody", "tr", "td", "th", "main", "article"})


def _strip(root) -> None:
    """Drop what is never the document's text (scripts, chrome, hidden parts, comments)."""
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            doomed.append(el)
            continue
        tag = el.tag.lower()
        names = " ".join(filter(None, (el.get("class"), el.get("id"))))
        chrome = tag not in _NEVER_CHROME and names and rx.HTML_CHROME.search(names)
        if tag in DROP_TAGS or _hidden(el) or chrome:
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # Keep the text that follows the element: it belongs to the parent.
        tail = el.tail
        if tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)


_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2007\u202f]+")


def _inline(text: str | None) -> str:
    return _SPACE.sub(" ", text) if text else ""


def _block_lines(el, lines: list[str], blocky: set) -> None:
    """Append the lines of ``el``'s content: a line per block, tables as rows."""
    current: list[str] = []

    def flush() -> None:
        line = "".join(current).strip()
        if line:
            lines.append(line)
        current.clear()

    current.append(_inline(el.text))
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "br":
            flush()
        elif tag == "table":
            flush()
            _table_lines(child, lines, blocky)
        elif tag in BLOCK_TAGS or tag in ("tr", "td", "th", "tbody", "thead", "tfoot"):
            flush()
            _block_lines(child, lines, blocky)
        elif child in blocky:  # an inline element holding blocks: read as a block
            flush()
            _block_lines(child, lines, blocky)
        else:  # inline: its text joins the current line
            current.append(_inline(child.text_content()))
        current.append(_inline(child.tail))
    flush()


def _rows(table):
    """The rows of a table, not of the tables inside it."""
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            yield child
        elif tag in ("tbody", "thead", "tfoot"):
            yield from _rows(child)


def _table_lines(table, lines: list[str], blocky: set) -> None:
    rows = [
        [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        for row in _rows(table)
    ]
    cells: list[list[list[str]]] = []  # row → cell → the cell's lines
    data = next(table.iterdescendants("table"), None) is None  # a table in it: page layout
    for row in rows:
        cells.append([])
        for cell in row:
            sub: list[str] = []
            _block_lines(cell, sub, blocky)
            cells[-1].append(sub)
            data = data and sum(map(len, sub)) + len(sub) <= MAX_CELL
    for row_cells in cells:
        if not data:  # page layout: each cell's lines are blocks of their own
            lines.extend(line for sub in row_cells for line in sub)
        elif any(row_cells):
            lines.append("| " + " | ".join(" ".join(sub) for sub in row_cells) + " |")
