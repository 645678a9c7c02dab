"""Stage 3, *find*: the ``Kính gửi`` recipients and the ``Nơi nhận`` distribution.

Both are lists of organisations, one per line (``- Ủy ban nhân dân huyện,``),
where an entry may wrap onto the next line and the first entry may share the
opener's line (``Kính gửi: - Ủy ban nhân dân huyện,``).  Distribution lines may
carry a purpose (``(để báo cáo)``, ``| để báo cáo``) and, in OCR'd copies, the
signature column merged on the right (``- Như trên; PHÓ TỔNG CỤC TRƯỞNG``).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from chidao.extract import regexes as rx
from chidao.extract.clean import Cleaned, fold
from chidao.extract.find_signature import right_column_name
from chidao.extract.lines import Line, capitalised, split_lines, upper_ratio
from chidao.extract.records import Organisation, Party
from chidao.extract.resolve import resolve_organisation
from chidao.extract.scan import search_if


@dataclass(frozen=True)
class Block:
    """A found list: the opener's cleaned span and the entries' cleaned spans."""

    opener: tuple[int, int]
    entries: tuple[tuple[int, int], ...]
    end: int  # cleaned offset after the last entry


# --- recipients -----------------------------------------------------------------------------

#: How many lines after the document start the ``Kính gửi`` may be looked for.
RECIPIENTS_MAX_LINE = 60


def find_recipients_block(cleaned: Cleaned) -> Block | None:
    """The ``Kính gửi`` block near the top of the document."""
    lines = split_lines(cleaned)
    for i, ln in enumerate(lines[:RECIPIENTS_MAX_LINE]):
        m = search_if(rx.RECIPIENTS_F, rx.RECIPIENTS_NEEDS_F, ln.folded)
        if m is None or _is_body_sentence(ln, m.start()):
            continue
        opener = (ln.start + m.start(), ln.start + m.end())
        entries = _entries(cleaned, lines, i, ln.start + m.end(), recipients=True)
        end = entries[-1][1] if entries else opener[1]
        return Block(opener, tuple(_split_flat(cleaned.text, entries)), end)
    return None


#: Most words of one recipient line; a longer unbulleted line is the body.
MAX_RECIPIENT_WORDS = 40


def _split_flat(text: str, entries: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Entries flattened onto one line (``- Sở Tài chính; - Sở Nội vụ; - UBND …``), one each.

    >>> t = "Sở A; - Sở B; - UBND các huyện, thành phố."
    >>> [t[a:b] for a, b in _split_flat(t, [(0, len(t))])]
    ['Sở A;', '- Sở B;', '- UBND các huyện, thành phố.']
    """
    out = []
    for start, end in entries:
        for m in rx.FLAT_ENTRY_SPLIT.finditer(text, start, end):
            out.append((start, m.start()))
            start = m.end()
        out.append((start, end))
    return out


def _is_body_line(text: str) -> bool:
    """An unbulleted line that is the body's opening, where the page lost the recipients:
    two sentences, or more words than a recipient has."""
    return bool(rx.BODY_SENTENCES.search(text)) or len(text.split()) > MAX_RECIPIENT_WORDS


def _is_body_sentence(ln: Line, at: int) -> bool:
    """``… gửi: …`` deep inside a long sentence is not the recipients' opener."""
    return at > 40 and not rx.OPENS_WITH_K_F.match(ln.folded[at:].strip())


_BULLETS = ("-", "+", "–", "—", "•", "~")


def _entries(
    cleaned: Cleaned, lines: list[Line], i: int, first_start: int, recipients: bool
) -> list[tuple[int, int]]:
    """Entry spans of a list opened on line ``i`` (its first entry may start at ``first_start``).

    Recipients end at the first blank line or body sentence; a distribution list
    may have blank lines between entries and ends at the first line that is
    neither an entry nor the continuation of one.
    """
    entries: list[tuple[int, int]] = []
    cur: list[int] | None = None
    start_line = lines[i]
    if cleaned.text[first_start : start_line.end].strip():
        cur = [first_start, start_line.end]
    gap = False
    for ln in lines[i + 1 :]:
        text = ln.text.strip()
        if not text:
            if (
                recipients
                and (entries or cur is not None)
                and not _list_goes_on(cleaned, cur, lines, ln)
            ):
                break
            gap = True
            continue
        if rx.RECIPIENT_STOP_F.match(ln.folded.strip()):
            break
        if not recipients and (
            rx.AUTHORITY_F.match(ln.folded) or _is_name_line(text.lstrip("-—–~ˆ'‘’ "))
        ):
            break
        # "——Mai Xuân Thanh": a rule glued to a word is decoration, not a bullet.
        bullet = text.startswith(_BULLETS) and not rx.RULE_GLUED.match(text)
        if cur is None:
            if not bullet and not recipients:
                continue  # "Gửi bản giấy và bản điện tử:" under Nơi nhận is not an entry
            if not bullet and gap and _is_body_line(text):
                break  # "Kính gửi:", blank lines, then the body: the page lost the list
            cur = [ln.start, ln.end]
            gap = False
            continue
        prev = _without_junk_tail(cleaned.text[cur[0] : cur[1]])
        if bullet:
            entries.append((cur[0], cur[1]))
            cur = [ln.start, ln.end]
        elif recipients:
            if prev.endswith((";", ".")) or not _continues(prev, text, _next_text(lines, ln)):
                break
            cur[1] = ln.end
        elif (
            not gap
            and not prev.endswith((";", "."))
            and (upper_ratio(text) < 0.8 or prev.endswith((",", ":", "&", "-")))
        ):
            cur[1] = ln.end  # a wrapped distribution entry: "(Bộ YT);" under "… Cục Y tế"
        else:
            break
        gap = False
    if cur is not None:
        entries.append((cur[0], cur[1]))
    return entries


def _list_goes_on(cleaned: Cleaned, cur: list[int] | None, lines: list[Line], blank: Line) -> bool:
    """After a blank line, does the recipients list go on (``- A,`` / blank / ``- B.``)?"""
    if cur is None or not cleaned.text[cur[0] : cur[1]].rstrip().endswith((",", ";")):
        return False
    i = lines.index(blank)
    nxt = next((ln for ln in lines[i + 1 :] if not ln.blank), None)
    return nxt is not None and nxt.text.lstrip().startswith(_BULLETS)


def _without_junk_tail(text: str) -> str:
    """Drop OCR debris after an entry's last ``;``/``.``: ``Như trên; h``, ``TTKT. ,„_ ồ``."""
    text = text.rstrip()
    m = rx.ENTRY_TAIL.search(text)
    if m and m.group("tail").strip() and not rx.WORD3.search(m.group("tail")):
        return text[: m.start("tail")].rstrip()
    return text


def _continues(prev: str, text: str, following: str | None) -> bool:
    """Does ``text`` carry on the recipient ``prev`` (a wrapped line, not the body)?

    A long wrapped line must end the entry: with punctuation, or with the block
    (a blank line, an address line) right after it.
    """
    if not (text[:1].islower() or prev.endswith((",", "&", "-"))):
        return False
    if text.rstrip().endswith((",", ";", ".")) or len(text) <= 40:
        return True
    return (
        following is None
        or not following.strip()
        or bool(rx.RECIPIENT_STOP_F.match(fold(following.strip())))
    )


def _next_text(lines: list[Line], ln: Line) -> str | None:
    i = lines.index(ln)
    return lines[i + 1].text if i + 1 < len(lines) else None


def _is_name_line(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and all(capitalised(w) for w in words) and (upper_ratio(text) < 0.6)


# --- distribution ----------------------------------------------------------------------------


def find_distribution_block(cleaned: Cleaned, after: int = 0) -> Block | None:
    """The ``Nơi nhận`` block after cleaned offset ``after``.

    Where OCR garbled the opener (``Net Kiện: " TM. CHÍNH PHỦ``), the signature's
    authority line followed by entries opens the block instead.
    """
    lines = split_lines(cleaned)
    fallback: Block | None = None
    for i, ln in enumerate(lines):
        if ln.end < after:
            continue
        m = rx.DISTRIBUTION_F.match(ln.folded)
        if m is None:
            if fallback is None and _authority_opens_list(lines, i):
                entries = _entries(cleaned, lines, i, ln.end, recipients=False)
                if entries:
                    fallback = Block((ln.start, ln.start), tuple(entries), entries[-1][1])
            continue
        opener = (ln.start + m.start(), ln.start + m.end())
        rest_start = ln.start + m.end()
        # "Nơi nhận: KT.TONG CỤC TRƯỞNG" — the rest of the line is the signature column.
        rest = cleaned.text[rest_start : ln.end]
        first = rest_start if rest.strip().startswith(_BULLETS) else ln.end
        entries = _split_flat(cleaned.text, _entries(cleaned, lines, i, first, recipients=False))
        if entries and _cut_entry(cleaned, entries[-1]):
            entries.pop()
        end = entries[-1][1] if entries else opener[1]
        return Block(opener, tuple(entries), end)
    return fallback


def _cut_entry(cleaned: Cleaned, entry: tuple[int, int]) -> bool:
    """Whether a document cut short stops inside this, its last entry (``- Thành viên BCĐ kỷ
    ni``, ``- Lư``): nothing after it, no closing mark, and not a whole ``Lưu …`` line.

    >>> from chidao.extract.clean import clean
    >>> c = clean("Nơi nhận:\\n- Như trên;\\n- Lư")
    >>> _cut_entry(c, (c.text.index("- Lư"), len(c.text)))
    True
    >>> c = clean("Nơi nhận:\\n- Như trên;\\n- Lưu: VT")
    >>> _cut_entry(c, (c.text.index("- Lưu"), len(c.text)))
    False
    """
    text = cleaned.text
    if text[entry[1] :].strip():
        return False
    start = cleaned.to_original(*entry)[0]
    printed = cleaned.original[start:].rstrip()  # as printed: "… VPTU, | *để báo cáo*"
    if "|" in printed or printed.endswith((";", ".", ",", ")", ":", "*", "_")):
        return False
    return rx.KEEP_ENTRY_F.match(cleaned.folded, entry[0], entry[1]) is None


def _authority_opens_list(lines: list[Line], i: int) -> bool:
    ln = lines[i]
    m = search_if(rx.AUTHORITY_F, rx.AUTHORITY_NEEDS_F, ln.folded)
    if m is None or m.start() > 15 or upper_ratio(ln.text[m.end() :]) < 0.6:
        return False
    following = [x for x in lines[i + 1 : i + 4] if not x.blank]
    return bool(following) and following[0].text.lstrip().startswith(_BULLETS)


# --- entries → parties -----------------------------------------------------------------------


def _before_debris(text: str) -> str:
    """``text`` up to OCR debris that is followed by more debris.

    ``Tổng cục Thuế jc ` &- Hài 2v0/ ey)`` → ``Tổng cục Thuế jc``; but a lone glyph
    between clean words (``Chỉ Cục Hải quan \\ KCN Viét Nam- Singapore``) is only
    dropped from the name (see :func:`_without_glyphs`), and ``TTKT£`` keeps ``TTKT``.
    """
    pos = 0
    while (m := rx.DEBRIS_TOKEN.search(text, pos)) is not None:
        rest = text[m.end() :].split()
        if rest and all(rx.CLEAN_WORD.fullmatch(w) for w in rest):
            pos = m.end()
            continue
        letters = rx.TOKEN_LETTERS.match(m.group(0))
        return text[: m.start() + len(letters.group(0))] if letters else text[: m.start()]
    return text


def _without_glyphs(name: str) -> str:
    return " ".join(w for w in name.split() if not rx.GLYPHS_ONLY.fullmatch(w))


def entry_to_party(
    cleaned: Cleaned,
    span: tuple[int, int],
    context: Organisation | None,
    distribution: bool,
) -> Party | None:
    """One list entry as a :class:`Party`: bullet, purpose and debris removed."""
    s, e = span
    text = cleaned.text[s:e]
    m = rx.ENTRY_BULLET.match(text)
    s += m.end() if m else 0
    purpose = None
    e = s + len(_without_junk_tail(cleaned.text[s:e]))
    e = s + len(_before_debris(cleaned.text[s:e]))
    if distribution:
        e, purpose = _strip_purpose(cleaned, s, e)
    s, e = cleaned.trim(s, e, " \n,;.:-—–|'\"‘’“”")
    if e <= s:
        return None
    name = _without_glyphs(cleaned.printed(s, e))
    name = rx.ENTRY_TRAILING.sub("", name)
    if not name or not any(ch.isalpha() for ch in name):
        return None
    resolved = resolve_organisation(name, context)
    return Party(name=name, span=cleaned.to_original(s, e), resolved=resolved, purpose=purpose)


def _is_signature_words(caps: str) -> bool:
    f = " ".join(fold(caps).strip(" .,;:").split())
    return bool(rx.POSITION_F.match(f) or rx.AUTHORITY_F.match(f))


def _signature_column(text: str) -> int | None:
    """Where the signature column, behind OCR debris, starts on a distribution line."""
    for sep in rx.COLUMN_SEPARATOR.finditer(text):
        rest = text[sep.end() :]
        core = rest[rx.LEADING_DEBRIS.match(rest).end() :]
        f = fold(rest).strip()
        if f.startswith("(da ky"):  # "- Lãnh đạo cục; (Đã ký)"
            return sep.start()
        if (
            core
            and len(core) <= 60
            and upper_ratio(core) >= 0.75
            and rx.SIGNATURE_WORD_F.search(fold(core))
        ):
            return sep.start()
    return None


def _strip_purpose(cleaned: Cleaned, s: int, e: int) -> tuple[int, str | None]:
    text = cleaned.text[s:e]
    purpose = None
    m = rx.RIGHT_CAPS.search(text)
    if m and upper_ratio(m.group("caps")) < 0.8:
        m = None
    after_semicolon = m is not None and text[: m.start()].rstrip().endswith(";")
    if m and (after_semicolon or _is_signature_words(m.group("caps"))):
        e = s + m.start()
        text = text[: m.start()]
    cut = _signature_column(text)
    if cut is None and (name := right_column_name(text, entry=True)) is not None:
        cut = name[0]  # the signer's name from the right-hand column: "- Lưu: VT. Lê Văn Bình"
    if cut is not None:
        e = s + cut
        text = text[:cut]
    # "| để báo cáo" became spaces in cleaning; the original keeps the rule.
    o_s, o_e = cleaned.to_original(s, e)
    bar = cleaned.original.find("|", o_s, o_e)
    if bar >= 0:
        # The first cleaned offset at or past the rule (the map never decreases).
        i = bisect_left(cleaned.offsets, bar, s, e)
        if i < e:
            purpose = cleaned.printed(i, e).strip(" ,;.") or None
            return i, purpose
    m2 = rx.BRACKET_TAIL.search(text)
    if m2:
        inner = m2.group(1).strip()
        fi = fold(inner)
        is_purpose = rx.PURPOSE_F.match(fi) is not None
        # A drafter's tag on the "Lưu" line: "Lưu: VT, QLT (Thi)" — a lower-case word, no digits.
        is_tag = (
            fold(text).lstrip(" -").startswith(("luu", "lưu"))
            and bool(rx.DRAFTER_TAG.fullmatch(inner))
            and inner[1:] == inner[1:].lower()
            and not inner.isdigit()
            and not rx.COUNT_TAG.fullmatch(inner)
        )
        if is_purpose or is_tag:
            purpose = inner if is_purpose else None
            e = s + m2.start()
            return e, purpose
    # "- Các ban Đảng, UBKT, VPTU, để báo cáo" (no bracket left after cleaning).
    m3 = rx.COMMA_PURPOSE.search(text)
    if m3:
        return s + m3.start(), m3.group("p").strip()
    return e, purpose
