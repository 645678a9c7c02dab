"""Stage 1½, *page*: a document as published on a web page.

Legal and province portals, Party journals and document-sharing sites wrap the document in
page furniture: banners, log-in prompts, visitor counters, breadcrumbs, related headlines,
``Tải xuống`` buttons; they often print a metadata block (``Số hiệu: 15/CT-UBND  Loại văn
bản: Chỉ thị  Nơi ban hành: …``) or a lead line (``Thông báo số 217/TB-UBND ngày 08/5/2019
của UBND thị xã … V/v …``) before it, and lay the header out as a table
(``ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI … |``, cells wrapped over lines) or flattened onto one
line.

:func:`read_page` finds where the document itself starts and ends and returns a text of the
**same length** as the page (so every span the later stages find is a span of the page as
read) in which:

* the furniture before and after the document is blanked (spaces; line breaks kept);
* the header's table cells (``|``) are put on lines of their own, wrapped cells are rejoined
  (``Lai Châu, ngày 23`` / ``tháng 3 năm 2021``; ``Số:`` / ``258/KH-UBND``; ``VỀ`` / ``VIỆC``),
  and a header flattened onto one line is broken where each element starts (``ĐẢNG BỘ HUYỆN
  X ĐẢNG ỦY XÃ Y * Số 09 KH/ĐU ĐẢNG CỘNG SẢN VIỆT NAM Y, ngày … KẾ HOẠCH kiểm điểm …``).

The metadata block and the lead line are read apart, as :class:`PageField` values with their
spans: they are what the *page* says of the document, used only where the document's own
text lacks a field (:mod:`chidao.extract.pipeline` marks such values ``origin="page"``).
"""

from __future__ import annotations

from dataclasses import dataclass

from chidao.extract import regexes as rx
from chidao.extract.clean import fold
from chidao.extract.dates import iso_date
from chidao.extract.doc_types import doc_type_from_number, doc_type_from_word

#: How far (in lines) the document's first header line may be from the top of the page.
START_MAX_LINES = 150
#: How many lines a header spans at most (from the document's first line).
HEADER_ZONE_LINES = 40
#: How many of the document's own first lines may be a title line naming it.
LEAD_LINES_INSIDE = 6
#: A line at least this long, mostly lower case, is prose: a body sentence, or a headline.
PROSE_MIN = 60

Span = tuple[int, int]


@dataclass(frozen=True)
class PageField:
    """One value the page (not the document) gives: ``name`` is one of ``number``,
    ``doc_type``, ``date``, ``issuer``, ``subject``, ``signer``, ``place``; ``value`` the value
    (ISO for dates; printed for names); ``span`` where the page prints it; ``source`` is
    ``"metadata"`` (a portal's metadata block) or ``"lead"`` (a lead or title line)."""

    name: str
    value: str
    span: Span
    source: str
    #: The page's text at ``span``, one line (``05/03/2022`` for the value ``2022-03-05``).
    printed: str = ""


@dataclass(frozen=True)
class Page:
    """The document inside a page: same-length ``text``, ``[start, end)`` of the document,
    and the page's own fields (lead line first, then metadata)."""

    text: str
    start: int
    end: int
    fields: tuple[PageField, ...] = ()

    def get(self, name: str) -> PageField | None:
        """The page's value for a field: the lead line's first, then the metadata block's."""
        for source in ("lead", "metadata"):
            for f in self.fields:
                if f.name == name and f.source == source:
                    return f
        return None


def read_page(text: str) -> Page:
    """Find the document inside a page; see the module docstring.

    >>> page = read_page("Đăng nhập\\nTrang chủ > Văn bản\\nSố hiệu: 12/KH-UBND\\n"
    ...                  "ỦY BAN NHÂN DÂN\\nTỈNH NINH BÌNH\\nSố: 12/KH-UBND\\nNinh Bình, ngày 3 "
    ...                  "tháng 5 năm 2021\\nKẾ HOẠCH\\nVề việc X\\n")
    >>> len(page.text) == len(page.text), page.text[:10].strip(), page.get("number").value
    (True, '', '12/KH-UBND')
    >>> text = "ỦY BAN NHÂN DÂN\\nTỈNH NINH BÌNH\\nSố: 12/KH-UBND\\n"
    >>> read_page(text).text == text   # a plain document is left as it is
    True
    """
    lines = _lines(text)
    start_line = _start_line(text, lines)
    # Only the page's head is folded (the furniture above, the header below it); the rest is
    # folded only when a tail marker may be there: a long document costs no more than a short.
    if start_line is not None:
        zone_end = _zone_end(text, lines, start_line)
        lead_end = lines[min(len(lines), start_line + 3 * LEAD_LINES_INSIDE) - 1][1]
        head_end = max(zone_end, lead_end)
    else:
        zone_end = 0
        head_end = lines[min(len(lines), START_MAX_LINES) - 1][1]
    folded = fold(text[:head_end])
    chars = list(text)
    fields: list[PageField] = []
    if start_line is None:
        start = _start_after_lead(text, folded, lines)
    else:
        start = lines[start_line][0]
    if start > 0 and not _page_signal(folded, lines, start):
        # No furniture above it (an OCR'd letter's stamp, a converter's title line): keep it.
        start = 0
    if _may_have_tail(text):
        folded = fold(text)
    end = _end(folded, lines, start) if len(folded) == len(text) else len(text)
    fields.extend(_metadata(text, folded, 0, start))
    fields.extend(_metadata(text, folded, end, len(text)))
    fields.extend(_leads(text, folded, lines, start, end))
    if start > 0 or end < len(text):
        _blank(chars, 0, start)
        _blank(chars, end, len(text))
    if start_line is not None:
        _shape_header(chars, folded, lines, start_line, zone_end)
    return Page("".join(chars), start, end, tuple(fields))


# --- lines --------------------------------------------------------------------------------------


def _lines(text: str) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for raw in text.split("\n"):
        out.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def _upper_ratio(s: str) -> float:
    letters = [ch for ch in s if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) / len(letters) if letters else 0.0


def _is_prose(line: str) -> bool:
    return len(line.strip()) >= PROSE_MIN and _upper_ratio(line) < 0.3


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


# --- where the document starts and ends ----------------------------------------------------------


def _is_header_line(line: str, fline: str) -> bool:
    """Does this line open a document's header (an organisation in capitals, the motto or the
    Party's name, the number line, or a title standing alone)?"""
    body = line.strip(" \t|*")
    if not body:
        return False
    if len(body) > 160:
        # A header flattened onto one line with the document after it: its head in capitals.
        head = " ".join(body.split()[:6])
        return rx.PAGE_HEADER_ORG_F.match(fline) is not None and _upper_ratio(head) >= 0.9
    if rx.PAGE_NUMBER_LINE_F.match(fline):
        return True
    if rx.PAGE_HEADER_ORG_F.match(fline) and _upper_ratio(body) >= 0.7:
        return True
    # A title on its own line: "KẾ HOẠCH", "NGHỊ QUYẾT", or "Quyết định" (a journal's archive).
    kind = doc_type_from_word(body.rstrip(":")) if len(body) <= 40 else None
    return kind is not None and fold(body).rstrip(":").strip() == fold(kind)


def _may_have_tail(text: str) -> bool:
    """Could the page hold a tail marker (``Văn bản liên quan`` …)? A cheap test on the text as
    read, before folding all of it."""
    low = text.lower()
    return any(k in low for k in _TAIL_WORDS)


#: Words of every tail marker, printed (with and without accents).
_TAIL_WORDS = (
    "liên quan", "lien quan", "chuyên mục", "chuyen muc", "hiệu lực văn bản",
    "hieu luc van ban", "tin khác", "tin khac", "lĩnh vực", "linh vuc", "thuộc tính",
    "thuoc tinh", "lược đồ", "luoc do",
)  # fmt: skip


def _start_line(text: str, lines: list[Span]) -> int | None:
    """Index of the document's first line, or ``None`` when no header line is found."""
    for i, (s, e) in enumerate(lines[:START_MAX_LINES]):
        if _is_header_line(text[s:e], fold(text[s:e])):
            if i > 0:
                above = text[lines[i - 1][0] : lines[i - 1][1]].strip()
                if above.isalpha() and above.isupper() and len(above) <= 6:
                    return i - 1  # a cell wrapped after its first word: "ỦY" / "BAN NHÂN DÂN"
            return i
    return None


def _page_signal(folded: str, lines: list[Span], start: int) -> bool:
    """Does the text above ``start`` hold page furniture (a chrome line, a metadata label, a
    lead line naming the document, markup debris)?"""
    for s, e in lines:
        if s >= start:
            break
        line = folded[s:e]
        if (
            rx.PAGE_CHROME_LINE_F.match(line)
            or _portal_label(line)
            or _lead_at(line) is not None
            or _headline(line)
        ):
            return True
    return False


def _headline(line: str) -> bool:
    """A page's headline above the document: a long line in sentence case that is no sentence
    (no closing mark), naming a document kind (``Quy định về …``, ``Kế hoạch thực hiện …``)."""
    text = line.strip()
    return (
        len(text) >= PROSE_MIN
        and not text.endswith((".", ":", ";", ","))
        and rx.PAGE_HEADLINE_F.match(text) is not None
    )


def _portal_label(line: str) -> bool:
    """A portal's metadata label on the line (``Số hiệu:``, ``Loại văn bản:``); ``Người ký:``
    alone is also a digital-signature stamp's, which belongs to the document."""
    return any(m.group("label") != "nguoi ky" for m in rx.PAGE_META_LABEL_F.finditer(line))


def _lead_at(line: str):  # type: ignore[no-untyped-def]
    """A lead line naming a document, where it opens the line (``Thông báo số …``, ``(Quyết
    định số …``, ``Ngày 23/8/2017, Tỉnh ủy X đã ban hành …``), or where the text before it is
    no sentence of the body (``(Mặt trận) - Tại Quy định số …``)."""
    for pattern in (rx.PAGE_LEAD_NEWS_F, rx.PAGE_LEAD_F):
        m = pattern.search(line)
        if m is None:
            continue
        before = line[: m.start()]
        if not before.strip(" -(") or rx.PAGE_LEAD_BEFORE_F.fullmatch(before):
            return m
    return None


def _start_after_lead(text: str, folded: str, lines: list[Span]) -> int:
    """A page that shows only the body under a lead line: the body starts after the lead and
    the furniture below it; with no lead line the whole page is kept."""
    skipped = 0
    for s, e in lines[:40]:
        # A metadata block and furniture above the body: the body starts below them.
        line = folded[s:e]
        if not line.strip():
            continue
        if rx.PAGE_CHROME_LINE_F.match(line) or _portal_label(line) or _headline(line):
            skipped = e + 1
            continue
        break
    for i, (s, e) in enumerate(lines[:20]):
        m = _lead_at(folded[s:e])
        if m is not None and not folded[s : s + m.start()].strip(" -("):
            j = i + 1
            while j < len(lines) and (
                not text[lines[j][0] : lines[j][1]].strip()
                or rx.PAGE_CHROME_LINE_F.match(folded[lines[j][0] : lines[j][1]])
            ):
                j += 1
            return lines[j][0] if j < len(lines) else len(text)
    return min(skipped, len(text))


def _end(folded: str, lines: list[Span], start: int) -> int:
    """Where the document ends: at the first line of page furniture below it."""
    m = rx.PAGE_TAIL_F.search(folded, min(len(folded), start + 200))
    while m is not None:
        line_start = folded.rfind("\n", 0, m.start()) + 1
        if m.end() - line_start <= 80:
            return line_start
        m = rx.PAGE_TAIL_F.search(folded, m.end())
    return len(folded)


# --- the page's own fields ----------------------------------------------------------------------


_META_NAMES = {
    "so hieu": "number",
    "loai van ban": "doc_type",
    "noi ban hanh": "issuer",
    "co quan ban hanh": "issuer",
    "nguoi ky": "signer",
    "ngay ban hanh": "date",
}


def _metadata(text: str, folded: str, lo: int, hi: int) -> list[PageField]:
    """The metadata block's values in ``[lo, hi)``: ``Số hiệu: …``, ``| Loại văn bản | … |``."""
    out: list[PageField] = []
    if hi <= lo:
        return out
    labels = list(rx.PAGE_META_LABEL_F.finditer(folded, lo, hi))
    seen: set[str] = set()
    for k, m in enumerate(labels):
        name = _META_NAMES.get(m.group("label"))
        if name is None or name in seen:
            continue
        stop = labels[k + 1].start() if k + 1 < len(labels) else hi
        nl = folded.find("\n", m.end(), stop)
        stop = nl if nl != -1 else stop
        bar = folded.find("|", m.end(), stop)
        stop = bar if bar != -1 else stop
        s, e = m.end(), stop
        while s < e and text[s] in " \t|":
            s += 1
        while e > s and text[e - 1] in " \t|.;,":
            e -= 1
        value = " ".join(text[s:e].split())
        if not value or fold(value).startswith(("dang cap nhat", "da biet", "van ban khac")):
            continue
        if name == "date":
            value = _iso(value) or ""
            if not value:
                continue
        if name == "doc_type":
            value = doc_type_from_word(value) or ""
            if not value:
                continue
        seen.add(name)
        out.append(PageField(name, value, (s, e), "metadata", " ".join(text[s:e].split())))
    return out


def _iso(printed: str) -> str | None:
    m = rx.DATE_NUMERIC.search(printed)
    return iso_date(m.group("d"), m.group("m"), m.group("y")) if m else None


def _leads(text: str, folded: str, lines: list[Span], start: int, end: int) -> list[PageField]:
    """A lead line before the document (or a title line opening it: ``(Quyết định số 283-QĐ/TW
    ngày 26-1-2010 của Ban Bí thư …``) naming the document: number, type, date, issuer,
    subject."""
    zone_end = start
    # The document's own first lines may name it (a journal's archive has no header block).
    inside: list[int] = []
    for s, e in lines:
        if s >= start and folded[s:e].strip():
            inside.append(e)
            if len(inside) == LEAD_LINES_INSIDE:
                break
    if inside:
        zone_end = inside[-1]
    out: list[PageField] = []
    for k, (s, e) in enumerate(lines):
        if e > zone_end or e > end:
            break
        line = folded[s:e]
        if s >= start and folded[s : s + 1] != "(" and not rx.PAGE_LEAD_F.match(line):
            continue  # inside the document only a title line opening its line names it
        for pattern in (rx.PAGE_LEAD_NEWS_F, rx.PAGE_LEAD_F):
            m = _lead_at(line)
            if m is None or m.re is not pattern:
                continue
            nxt = next(
                (j for j in range(k + 1, len(lines)) if folded[slice(*lines[j])].strip()), None
            )
            if m.group("issuer") is None and nxt is not None:
                # "(Quyết định số 283-QĐ/TW ngày 26-1-2010" / "của Ban Bí thư …": one line more
                ns, ne = lines[nxt]
                if folded[ns:ne].lstrip().startswith("cua "):
                    window = folded[s:ne].replace("\n", " ")  # same length: spans still hold
                    m = pattern.search(window) or m
            found = _lead_fields(text, s, m)
            if out and found and found[0].value != out[0].value:
                break  # another document's number: not the same lead
            have = {f.name for f in out}
            out.extend(f for f in found if f.name not in have)
            break
    return out


def _printed(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _lead_fields(text: str, base: int, m) -> list[PageField]:  # type: ignore[no-untyped-def]
    out: list[PageField] = []

    def span(group: str) -> Span:
        return base + m.start(group), base + m.end(group)

    ns, ne = span("num")
    number = "".join(text[ns:ne].split()).rstrip(".,;")
    out.append(PageField("number", number, (ns, ne), "lead", _printed(text, ns, ne)))
    ts, te = span("type")
    kind = doc_type_from_word(text[ts:te]) or doc_type_from_number(number)
    if kind:
        out.append(PageField("doc_type", kind, (ts, te), "lead", _printed(text, ts, te)))
    if m.group("date"):
        ds, de = span("date")
        iso = _iso(text[ds:de].replace("-", "/").replace(".", "/"))
        if iso:
            out.append(PageField("date", iso, (ds, de), "lead", _printed(text, ds, de)))
    if m.group("issuer"):
        s, e = span("issuer")
        value = " ".join(text[s:e].split()).strip(" ,.;:")
        if value:
            out.append(PageField("issuer", value, (s, e), "lead", _printed(text, s, e)))
    if m.group("subject"):
        s, e = span("subject")
        value = " ".join(text[s:e].split()).rstrip(" .;,")
        if value:
            out.append(PageField("subject", value, (s, e), "lead", _printed(text, s, e)))
    return out


# --- the header's layout ------------------------------------------------------------------------


def _zone_end(text: str, lines: list[Span], first: int) -> int:
    """Where the header zone from line ``first`` ends: at the first line of prose below it."""
    zone = lines[first : first + HEADER_ZONE_LINES]
    for k, (s, e) in enumerate(zone):
        if k > 0 and _is_prose(text[s:e]) and "|" not in text[s:e]:
            return s
    return zone[-1][1] if zone else 0


def _shape_header(
    chars: list[str], folded: str, lines: list[Span], first: int, zone_end: int
) -> None:
    """Table cells on their own lines, wrapped cells rejoined, a flattened header broken."""
    zone = [ln for ln in lines[first : first + HEADER_ZONE_LINES] if ln[0] < zone_end]
    lo = zone[0][0] if zone else 0
    for s, e in zone:
        if s >= zone_end:
            break
        row = "".join(chars[s:e]).strip()
        # A table row ("ỦY BAN NHÂN DÂN | CỘNG HÒA … |"): its cells on lines of their own. A
        # "|" inside a line is OCR's reading of a rule or a stroke ("ngày | tháng"): left.
        if row.startswith("|") or row.endswith("|"):
            for i in range(s, e):
                if chars[i] == "|":
                    chars[i] = "\n"
    # Rejoin wrapped cells: the line break becomes a space.
    for m in rx.HEADER_WRAP_F.finditer(folded, lo, zone_end):
        nl = folded.find("\n", m.start(), m.end())
        if nl == -1:
            continue
        line_start = folded.rfind("\n", lo, nl) + 1 or lo
        line = "".join(chars[max(line_start, lo) : nl]).strip()
        fline = fold(line)
        cell = fline.endswith(("so:", "so :")) or rx.DATE_CUT_DAY_F.search(fline)
        word = line.isalpha() and len(line) <= 6 and line[:1].isupper()
        if cell or (word and folded[nl + 1 : nl + 2] != "\n"):
            for i in range(m.start(), m.end()):
                if chars[i] in "\r\n":  # (a Windows line end: "\r" would break the line again)
                    chars[i] = " "
    _unflatten(chars, folded, lo, zone_end)


def _unflatten(chars: list[str], folded: str, lo: int, hi: int) -> None:
    """Break a header flattened onto one line where each element starts."""
    pos = lo
    text = "".join(chars)
    while pos < hi:
        nl = text.find("\n", pos, hi)
        end = nl if nl != -1 else hi
        # The page's fold still holds: the layout so far changed only "|" and line breaks.
        line_f = folded[pos:end].replace("\n", " ")
        cuts: list[int] = []
        for pattern in (rx.FLAT_MOTTO_F, rx.FLAT_NUMBER_F):
            for m in pattern.finditer(line_f):
                at = pos + m.start()
                # "Số 09 KH/ĐU", "* SỐ 12-CV/HU" — not "… QUYẾT ĐỊNH SỐ 64/QĐ-BGTVT" in a title.
                if text[at].isupper() and (
                    pattern is rx.FLAT_MOTTO_F
                    or text[at + 1].islower()
                    or text[pos:at].rstrip().endswith("*")
                ):
                    cuts.append(m.start())
        d = rx.DATE_LINE_F.search(line_f)
        if cuts or d is not None or rx.PARTY_HEADER_OPEN_F.match(line_f):
            # A second organisation on the line: only in a line that is a header's (it opens
            # with a committee or holds the number, motto or date), not a title's subject.
            cuts.extend(m.start() for m in rx.FLAT_ORG_F.finditer(line_f))
        if d is not None and not cuts and rx.PAGE_HEADER_ORG_F.match(line_f):
            # "HUYỆN ỦY KIẾN XƯƠNG Kiến Xương, ngày …": the two columns merged on one line.
            at = _place_start(text[pos:end], d.start())
            if 0 < at < d.start():
                cuts.append(at)
        elif d is not None and cuts:
            cuts.append(_place_start(text[pos:end], d.start()))
            after = d.end()
            while after < len(line_f) and line_f[after] == " ":
                after += 1
            if after < len(line_f) and text[pos + after].isupper():
                cuts.append(after)
        if cuts and _upper_ratio(text[pos : pos + min(cuts)]) >= 0.7:
            for c in sorted(set(cuts)):
                if 0 < c and chars[pos + c - 1] == " ":
                    chars[pos + c - 1] = "\n"
            _split_title(chars, pos, end)
        pos = end + 1


def _place_start(line: str, date_at: int) -> int:
    """Where the place before ``, ngày`` starts: the run of capitalised words before it."""
    head = line[:date_at].rstrip(" ,")
    words = head.split(" ")
    n = 0
    for w in reversed(words):
        if w and w[0].isupper() and not w.isupper():
            n += 1
        else:
            break
    if n == 0:
        return date_at
    return len(" ".join(words[: len(words) - n])) + (1 if len(words) > n else 0)


def _split_title(chars: list[str], lo: int, hi: int) -> None:
    """``KẾ HOẠCH kiểm điểm …`` on one line: the title word in capitals, then the subject."""
    text = "".join(chars[lo:hi])
    for s in [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]:
        words = text[s:].split("\n")[0].split(" ")
        for n in (3, 2, 1):
            if len(words) > n and all(w.isupper() for w in words[:n]):
                head = " ".join(words[:n])
                kind = doc_type_from_word(head)
                if kind and fold(head) == fold(kind) and not words[n].isupper():
                    cut = lo + s + len(head)
                    chars[cut] = "\n"
                    _split_body(chars, cut + 1, hi)
                    break


def _split_body(chars: list[str], lo: int, hi: int) -> None:
    """The subject of a flattened header runs into the body on the same line: break before the
    body's opening words (``… năm 2020 Thực hiện Hướng dẫn số …``)."""
    line = "".join(chars[lo:hi])
    end = line.find("\n")
    line = line if end == -1 else line[:end]
    m = rx.FLAT_BODY_F.search(fold(line))
    if m is not None and line[m.start()].isupper() and chars[lo + m.start() - 1] == " ":
        chars[lo + m.start() - 1] = "\n"
