"""Stage 3, *find*: the signature block.

The block reads, top to bottom: the authority (``T/M BAN THƯỜNG VỤ``,
``KT. TỔNG CỤC TRƯỞNG``, ``TL. BỘ TRƯỞNG``), the position (``PHÓ BÍ THƯ``) and,
after the space for the signature and seal, the name.  A digital-signature
stamp (``Cơ quan Tỉnh ủy`` / ``2022.03.14 09:12:05 +07:00``) and an unaccented
copy of the name (``Tran Van Hung``) may come between: the accented name
printed last wins.  In OCR'd copies the block shares lines with ``Nơi nhận``
(``Nơi nhận: KT.TONG CỤC TRƯỞNG`` / ``- Như trên; PHÓ TỔNG CỤC TRƯỞNG``).
"""

from __future__ import annotations

from dataclasses import dataclass

from chidao.extract import regexes as rx
from chidao.extract.clean import Cleaned, fold
from chidao.extract.lines import (
    Line,
    capitalised,
    has_right_column,
    split_lines,
    upper_ratio,
)
from chidao.extract.records import Mention, Signer
from chidao.extract.scan import finditer_if

_KIND = {
    "t/m": "T/M", "tm": "T/M", "thay mat": "T/M",
    "k/t": "K/T", "kt": "K/T", "ky thay": "K/T",
    "t/l": "T/L", "tl": "T/L", "thua lenh": "T/L",
}  # fmt: skip


@dataclass(frozen=True)
class SignatureBlock:
    signer: Signer
    start: int | None  # cleaned offset where the block begins (the authority line), if found


def _sentence_case(s: str) -> str:
    s = " ".join(s.split()).strip(" ,.;:")
    if upper_ratio(s) > 0.6:
        s = s.lower()
        s = s[:1].upper() + s[1:]
    return s


def find_signature(
    cleaned: Cleaned, after: int = 0, distribution_start: int | None = None
) -> SignatureBlock:
    """The signer after cleaned offset ``after`` (the body's start)."""
    lines = [ln for ln in split_lines(cleaned) if ln.end > after]
    if distribution_start is not None:
        # The block sits beside or below Nơi nhận; start looking a few lines above it.
        idx = next((i for i, ln in enumerate(lines) if ln.end >= distribution_start), 0)
        lines = lines[max(0, idx - 12) :]
    authority = _authority(cleaned, lines)
    position = None
    name = None
    block_start = None
    pos_from = 0
    if authority is not None:
        auth_mention, i, block_start = authority
        position = _position_after(cleaned, lines, i, auth_mention)
        pos_from = i
    else:
        auth_mention = None
        found = _standalone_position(cleaned, lines)
        if found is not None:
            position, pos_from, block_start = found
    if auth_mention is not None or position is not None:
        name = _name(cleaned, lines, pos_from)
    return SignatureBlock(
        Signer(name=name, position=position, on_behalf_of=auth_mention), block_start
    )


def _authority(cleaned: Cleaned, lines: list[Line]) -> tuple[Mention, int, int] | None:
    for i, ln in enumerate(lines):
        f = ln.folded
        m = None
        for cand in finditer_if(rx.AUTHORITY_F, rx.AUTHORITY_NEEDS_F, f):
            head = f[: cand.start()].strip()
            # Only OCR debris ("mm", 'Net Kiện: "'), Nơi nhận or an entry may precede it.
            short_debris = len(head) <= 3 or (len(head) <= 12 and head.endswith((":", '"')))
            if head and not (
                short_debris or rx.DISTRIBUTION_F.match(head + " ") or _is_entry_tail(head)
            ):
                continue
            m = cand
            break
        if m is None:
            continue
        rest_start = ln.start + m.end()
        rest = cleaned.text[rest_start : ln.end]
        if upper_ratio(rest) < 0.5 or len(rest.strip()) > 60:
            continue
        kind = _KIND[
            rx.INNER_SPACE.sub("", m.group("kind")) if "/" in m.group("kind") else m.group("kind")
        ]
        k_start = ln.start + m.start("kind")
        rest = " ".join(w for w in rest.split() if any(ch.isalpha() for ch in w))
        value = f"{kind} {_sentence_case(rest)}".strip()
        s, e = cleaned.trim(k_start, ln.end)
        mention = Mention(value, cleaned.to_original(s, e), cleaned.printed(s, e))
        return mention, i, ln.start
    return None


def _is_entry_tail(head: str) -> bool:
    """A distribution entry to the left of the merged signature column: ``- Như trên;``."""
    return head.startswith(("-", "+")) and head.rstrip().endswith((";", ",", "."))


def _position_after(
    cleaned: Cleaned, lines: list[Line], i: int, authority: Mention
) -> Mention | None:
    """The position under the authority line: a line naming one (``PHÓ CỤC TRƯỞNG``) wins over
    a wrapped authority (``THONG KE TÀI CHÍNH`` under ``KT. CUC TRUONG CUC TIN HOC VA``);
    failing that, the first clean upper-case line (``PHÓ GIÁM ĐỐC THƯỜNG TRỰC``)."""
    candidates = []
    for ln in lines[i + 1 : i + 5]:
        if ln.blank or rx.AUTHORITY_F.match(ln.folded):
            continue  # a second layer: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"
        # The position may be the right part of a merged distribution line ("- Như trên;
        # PHÓ TỔNG CỤC TRƯỞNG"): there it must read as a position.
        cand = _caps_tail(cleaned, ln)
        if cand is not None and rx.AUTHORITY_F.match(" " + cleaned.folded[cand[0] : cand[1]]):
            continue  # the second layer merged onto an entry: "- CT, …; KT. CHÁNH VĂN PHÒNG"
        if cand is not None:
            candidates.append((cand, ln.text.lstrip().startswith(("-", "+", "~"))))
    for cand, _ in candidates:
        found = _position_words(cleaned, *cand, strict=True)
        if found is not None:
            return found
    for cand, in_entry in candidates[:1]:
        if not in_entry:
            return _position_words(cleaned, *cand, strict=False)
    return None


def _position_words(cleaned: Cleaned, s: int, e: int, strict: bool = True) -> Mention | None:
    """The longest run of upper-case words ending the span that names a position.

    Right under the authority line (``strict=False``) any clean upper-case words
    are the position (``PHÓ TRƯỞNG BAN THƯỜNG TRỰC``); elsewhere they must end
    with a position word (``… TRƯỞNG``, ``BÍ THƯ``, ``CHỦ TỊCH``, ``GIÁM ĐỐC``).
    """
    text = cleaned.text[s:e]
    words = [(m.start(), m.end()) for m in rx.TOKEN.finditer(text)]
    for k in range(len(words)):
        ws = [text[a:b] for a, b in words[k:]]
        if not all(w.isalpha() and upper_ratio(w) > 0.5 for w in ws):
            continue
        lo, hi = s + words[k][0], s + words[-1][1]
        loose = (
            not strict
            and k == 0
            and 2 <= len(ws) <= 6
            and all(len(w) >= 2 and w.isupper() for w in ws)
        )
        if loose or rx.POSITION_F.match(" ".join(fold(cleaned.text[lo:hi]).split())):
            return Mention(
                _sentence_case(cleaned.text[lo:hi]),
                cleaned.to_original(lo, hi),
                cleaned.printed(lo, hi),
            )
    return None


def _caps_tail(cleaned: Cleaned, ln: Line) -> tuple[int, int] | None:
    """The upper-case run ending a line (the whole line when it is upper case)."""
    text = ln.text
    m = rx.LINE_CAPS_TAIL.search(text)
    if m is None:
        return None
    s = ln.start + m.start("caps")
    s, e = cleaned.trim(s, ln.end, " \n,;.:+")
    seg = cleaned.text[s:e]
    if not seg or upper_ratio(seg) < 0.6:
        return None
    return s, e


def _standalone_position(cleaned: Cleaned, lines: list[Line]) -> tuple[Mention, int, int] | None:
    for i, ln in enumerate(lines):
        f = ln.folded
        d = rx.DISTRIBUTION_F.match(f)
        lo = ln.start + d.end() if d else ln.start
        s, e = cleaned.trim(lo, ln.end, " \n,;.:+")
        seg = cleaned.text[s:e]
        if not seg or upper_ratio(seg) < 0.8:
            cand = _caps_tail(cleaned, ln)
            if cand is None:
                continue
            s, e = cand
            seg = cleaned.text[s:e]
        found = _position_words(cleaned, s, e)
        if found is not None and found.printed == cleaned.printed(s, e).strip(" .,;:"):
            return found, i, ln.start
    return None


#: How many lines (other than distribution entries and stamps) may stand between the
#: position and the name, or between the name and its accented copy; beyond them lie
#: appendices and OCR debris, not the signature.
NAME_REACH = 6


def _name(cleaned: Cleaned, lines: list[Line], i: int) -> Mention | None:
    found: list[tuple[int, int]] = []
    others = 0
    for ln in lines[i + 1 :]:
        if has_right_column(ln) and found:
            break  # an enclosed copy of another document begins
        if ln.blank or rx.STAMP_LINE_F.match(ln.folded):
            continue
        lead = len(ln.text) - len(ln.text.lstrip(" -—–~ˆ'‘’\"“”`.,"))
        text = ln.text[lead:].strip()
        if is_person_name(text):
            s, e = cleaned.trim(ln.start + lead, ln.end, " \n,;.")
            found.append((s, e))
            others = 0
        elif (tail := right_column_name(ln.text)) is not None:
            found.append((ln.start + tail[0], ln.start + tail[1]))  # "- Lưu: VT. Trần Quang Huy"
            others = 0
        elif not ln.text.lstrip().startswith(("-", "+", "~")):
            others += 1
            if others > NAME_REACH:
                break
    if not found:
        return None
    # The accented copy wins over a digital signature's unaccented one ("Le Tri Thanh").
    accented = [
        sp
        for sp in found
        if fold(cleaned.text[sp[0] : sp[1]]) != cleaned.text[sp[0] : sp[1]].lower()
    ]
    s, e = (accented or found)[-1]
    value = cleaned.printed(s, e)
    return Mention(value, cleaned.to_original(s, e), value)


#: The commonest Vietnamese family names (folded), to tell a name printed in capitals.
_SURNAMES_F = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh trinh"
    " truong lam mai cao luong ha ta tong kieu chu quach thai lai doan la luu".split()
)


#: Positions that read like a name once OCR loses the accents ("CHU TICH": Chu is a surname).
_POSITIONS_F = frozenset(
    {
        f"{pho}{title}"
        for pho in ("", "pho ")
        for title in (
            "chu tich", "bi thu", "giam doc", "thu tuong", "bo truong", "thu truong",
            "cuc truong", "chi cuc truong", "tong cuc truong", "chu nhiem", "truong ban",
            "chanh van phong", "vu truong", "truong phong",
        )
    }
)  # fmt: skip


def right_column_name(line: str, entry: bool = False) -> tuple[int, int] | None:
    """The span of a person's name merged at the end of a distribution line (a bulleted line,
    or with ``entry`` the entry's text after its bullet), or ``None``.

    >>> line = "- Lưu: VT, PC (2b). Trần Quang Huy"
    >>> a, b = right_column_name(line); line[a:b]
    'Trần Quang Huy'
    >>> right_column_name("- Thứ trưởng Lê Thị Hoa;") is None
    True
    >>> right_column_name("- Bộ Tài chính; Bộ Công Thương") is None
    True
    """
    tail = line.rstrip()
    if not tail[-1:].isalpha() or not (entry or line.lstrip().startswith(("-", "+", "~"))):
        return None  # a name ends with a letter; most entries end with ";" or "."
    m = rx.RIGHT_COLUMN_NAME.search(tail)
    if m is None:
        return None
    name = m.group("name")
    first = fold(name.split()[0])
    if rx.TASK_ACTOR_HEAD_F.match(fold(name)) and first not in _SURNAMES_F:
        return None  # "- Bộ Tài chính; Bộ Công Thương": a body, not a person ("Đoàn Văn A" is)
    return (m.start("name"), m.end("name")) if is_person_name(name) else None


def is_person_name(text: str) -> bool:
    """Is a signature line a person's name (not a position, a stamp or a company)?

    >>> is_person_name("Lê Trí Thành"), is_person_name("Le Tri Thanh"), is_person_name("CHU TICH")
    (True, True, False)
    """
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    if " ".join(fold(text).split()) in _POSITIONS_F:
        return False
    if upper_ratio(text) > 0.6 and not (text.isupper() and fold(words[0]) in _SURNAMES_F):
        return False
    if any(not any(ch.isalpha() for ch in w) for w in words):
        return False
    if text.isupper() and fold(words[0]).lower() in _SURNAMES_F and len(words) <= 4:
        return all(w.isalpha() for w in words)  # "TRẦN VĂN HÙNG" printed in capitals
    if any(len(w) >= 2 and w.isalpha() and w.isupper() for w in words):
        return False  # "MIT Holdings", "TNHH Thực Phẩm": an acronym is no part of a person's name
    tail_ok = all(capitalised(w) for w in words[1:])
    head_ok = capitalised(words[0]) or (
        words[0].isalpha() and words[0].islower() and len(words[0]) <= 4
    )
    return bool(tail_ok and head_ok)
