"""Every regular expression of the extraction pipeline, each with a real example.

Patterns that work on *folded* text (see :func:`chidao.extract.clean.fold`:
lower case, no diacritics, ``đ`` → ``d``, same length as the text) are named
``*_F``; they match printed forms with or without accents, which is what OCR'd
copies need (``CONG HOA XA HOI`` and ``CỘNG HÒA XÃ HỘI`` fold alike).
Sections: clean, header, signature, parties, organisations (owned by the
extraction stages) and the ``# --- citations ---`` / ``# --- tasks ---``
sections owned by the task/citation finders.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any


def _word_start(behind: str, words: str) -> str:
    """``(?<!behind)(?:w1|w2…)`` written as ``w1[0](?<!behind w1[0])w1[1:]|…``: the same
    matches, but every branch opens with a literal letter, so a scan jumps between those
    letters instead of testing the look-behind at every character of the text.

    >>> _word_start("[a-z]", "bo luat|luat")
    'b(?<![a-z]b)o luat|l(?<![a-z]l)uat'
    """
    return "|".join(f"{w[0]}(?<!{behind}{w[0]}){w[1:]}" for w in words.split("|"))


def _word_trie(behind: str | None, words: str | Sequence[str]) -> str:
    """:func:`_word_start` with the words' common beginnings shared (a trie), so that a scan
    or a match tests each letter once instead of once per word that starts alike.

    Words are letters and spaces, listed ``|``-separated or as a sequence; a word that
    no other word begins may end with a look-ahead (``to chuc(?! doan)``).  No word may be
    listed before a longer one that it begins ("thong tu lien tich|thong tu", not the other
    way round): the trie tries longer words first, and so did the alternation.  ``behind``
    ``None`` leaves out the look-behind.

    >>> _word_trie("[a-z]", "thong tu lien tich|thong tu|thong bao|to trinh|luat")
    't(?<![a-z]t)(?:hong (?:tu(?: lien tich)?|bao)|o trinh)|l(?<![a-z]l)uat'
    >>> _word_trie(None, ["to chuc(?! doan)", "tiep tuc", "tiep"])
    't(?:o chuc(?! doan)|iep(?: tuc)?)'
    """
    listed = words.split("|") if isinstance(words, str) else list(words)
    plains: list[str] = []
    trie: dict[str, Any] = {}
    for word in listed:
        m = re.match(r"[^\W\d_]+(?: [^\W\d_]+)*", word)
        if m is None:
            raise ValueError(f"not a plain word: {word!r}")
        plain, suffix = m.group(0), word[m.end() :]
        if suffix and not suffix.startswith(("(?!", "(?=")):
            raise ValueError(f"only a look-ahead may follow a word: {word!r}")
        if word in listed[: len(plains)]:
            plains.append(plain)
            continue  # listed twice: the second alternative never decided a match
        if any(plain.startswith(p) for p in plains):
            raise ValueError(f"{word!r} is listed after a word that begins it")
        plains.append(plain)
        node = trie
        for ch in plain:
            node = node.setdefault(ch, {})
        node[""] = suffix
    for word, plain in zip(listed, plains, strict=True):
        if word != plain and any(p != plain and p.startswith(plain) for p in plains):
            raise ValueError(f"{word!r} has a look-ahead but other words go on from it")

    def chain(lit: str, node: dict[str, Any]) -> str:
        while len(node) == 1 and "" not in node:
            (ch, node), *_ = node.items()
            lit += ch
        return lit + rest(node)

    def rest(node: dict[str, Any]) -> str:
        alts = [chain(ch, sub) for ch, sub in node.items() if ch]
        if not alts:
            return node[""]
        joined = "|".join(alts)
        if "" in node:
            return f"(?:{joined})?"
        return joined if len(alts) == 1 else f"(?:{joined})"

    look = (lambda ch: f"(?<!{behind}{ch})") if behind is not None else (lambda ch: "")
    return "|".join(f"{ch}{look(ch)}" + chain("", sub) for ch, sub in trie.items())


# --- letters -------------------------------------------------------------------------------

# Vietnamese letters by case, spelled out for character classes: a range such as "À-Ỹ" mixes
# the cases (it holds "à", "ở", "đ"), because Unicode interleaves them. Every vowel with each of
# the five tone marks (or none), NFC, and "đ": "ở" is in VI_LOWER, "Ở" in VI_UPPER.
_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VI_LOWER = "".join(
    sorted({unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONE_MARKS} | {"đ"})
)
VI_UPPER = VI_LOWER.upper()

# --- clean ---------------------------------------------------------------------------------

# "--- PAGE BREAK ---", "--- PAGE 2 ---" lines inserted by the PDF/DOCX converter.
PAGE_MARKER = re.compile(r"^[ \t]*-{2,}[ \t]*PAGE(?:[ \t]+BREAK|[ \t]+\d+)[ \t]*-{2,}[ \t]*$", re.M)
# Markdown emphasis left by DOCX conversion: "**ĐẢNG BỘ TỈNH NINH BÌNH", "*V/v …*", "__".
# (Written so that every branch opens with a literal: the engine then skips to those characters.)
EMPHASIS = re.compile(r"\*\**|__+")
# A table-column rule: "- Các ban Đảng, UBKT, VPTU, | *để báo cáo*".
COLUMN_RULE = re.compile(r"\|")
# A table rule OCR'd as a lone "l" at a line's start or end: "l Giao thông vận tải; l".
OCR_RULE_L = re.compile(r"(?:^l(?=[ \t])|(?<=[ \t])l$)", re.M)
# Stray bullet glyphs from Word lists: "• Các sở", " Các huyện".
BULLET_GLYPHS = "\u2022\u25cf\u25aa\u25a0\u2023\u2043\uf0b7\uf0a7\uf0d8\u00b7"
BULLET_GLYPH = re.compile(f"[{BULLET_GLYPHS}]")
# A line holding only a page number: "2", "- 3 -".
PAGE_NUMBER_LINE = re.compile(r"^[ \t]*(?:-[ \t]*)?\d{1,3}(?:[ \t]*-)?[ \t]*$", re.M)
# Spaces at the end of a line, or at its start: "phòng, chống   \n", "\n - Các đảng đoàn".
TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
LEADING_SPACE = re.compile(r"^[ \t]+", re.M)
# Three or more line breaks (after debris was removed) → one blank line.
MANY_BREAKS = re.compile(r"\n\n\n+")  # "\n{3,}", opening with a literal for speed
# A blank line inside a sentence (a page break), only between lower-case letters:
# "…, báo\n\ncáo thường xuyên về Ban Thường vụ".
# The first "\n" comes before the look-behind so that the scan jumps from line break to line
# break instead of testing the look-behind at every character.
SPLIT_SENTENCE = re.compile(r"\n(?<=[^\W\d_]\n)\n+(?=[^\W\d_])")
# Old tone placement in a name, for matching only: "hoà" (→ "hòa"), "Uỷ" (→ "Ủy").
OLD_TONE = re.compile("oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ|uỳ|uý|uỷ|uỹ|uỵ", re.I)
# Zero-width and soft-hyphen characters, byte-order marks.
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")

# --- read: encodings (owned by extract/encodings.py) ---------------------------------------

# A word for encoding detection: a run between spaces and ASCII/typographic punctuation.
# "Việt" and "Vieät" (VNI read as Windows-1252) are each one word; "Số:207" gives "Số", "207".
ENC_WORD = re.compile(r"[^\s!-/:-@\[-`{-~\u2013\u2014\u2018\u2019\u201c\u201d\u2026]+")
# A Vietnamese syllable with its tone mark removed, lower case: "nghiêng", "quốc" → "quôc",
# "người" → "ngươi", "khuya". Onset, vowel cluster (longest first), coda.
VIET_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?:iêu|oai|oao|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|yêu"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy"
    r"|ưa|ưi|ươ|ưu|yê|[aăâeêioôơuưy])"
    r"(?:ch|ng|nh|[cmnpt])?"
)
# Characters that TCVN3 or VNI text shows when read as Windows-1252 and that no Vietnamese
# word has (VNI "ö" for ư, "ñ" for đ, "Vieät" holds "ä"; TCVN3 "¸" for á, "Ö" for ệ): without
# one, no repair is tried.
LEGACY_HINT = re.compile("[" + re.escape("øûïåäëüöñæîØÛÏÅÄËÜÖÑÆÎ¸µ¶·¹»¼½¾ÇËÞß÷¨©ª«¬®§¡¢£¤¥¦") + "]")
# A VNI letter as read in Windows-1252: a vowel and its mark character ("eä" = ệ, "ôø" = ờ,
# "AÙ" = Á), or a stand-in character ("ñ" = đ, "ö" = ư, "æ" = ỉ). "Vieät Nam" → "Việt Nam".
VNI_LETTER = re.compile("[aeouyAEOUYôöÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[ôöñíìæóòîÔÖÑÍÌÆÓÒÎ]")
# A control character that text files do not hold (tab, line breaks, form feed and the
# DOS end-of-file mark 0x1A excepted): "\x00\x01\x02" in a renamed executable → binary.
CONTROL_CHARS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20)]))
CONTROL_CHAR = re.compile(f"[{re.escape(CONTROL_CHARS)}]")
# Font families of the legacy encodings, by name: "VNI-Times", "VNI-Helve" (VNI);
# ".VnTime", ".VnArial", ".VnCentury Schoolbook" (TCVN3); ".VnTimeH", ".VnArialH" draw capitals.
VNI_FONT = re.compile(r"VNI[- ]", re.I)
TCVN3_FONT = re.compile(r"\.?Vn(?!I[- ])", re.I)
TCVN3_CAPS_FONT = re.compile(r"\.?Vn.*H$")
# A word of TCVN3-decoded text, for restoring capitals typed with a capitals font:
# "HUYệN ủY" (.VnTimeH headings) → "HUYỆN ỦY".
TCVN3_WORD = re.compile(r"[^\W\d_]+")

# Padding pypdf's layout mode puts in a PDF line: indents, justified word gaps, the gap
# between header columns. "   HUYỆN ỦY ĐỨC TRỌNG        ĐẢNG CỘNG SẢN VIỆT NAM  " → one space
# each inside the line (the line's own start and end lose theirs).
PDF_PADDING = re.compile(r"(?P<gap>(?<=\S)[ \t]{2,}(?=\S))|^[ \t]+|[ \t]+$", re.M)
# Two or more empty lines from a tall gap on a PDF page: "…Covid-19\n\n\n\nSố 207-CV/HU".
PDF_BLANK_LINES = re.compile(r"\n{3,}")

# A saved web page, by its first bytes (after a BOM and white space): "<!DOCTYPE html>",
# "<html lang=vi>", or a fragment opening with "<head>"/"<body>"/"<meta charset=…>".
HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b", re.I | re.S
)
# The charset a page declares: <meta charset="windows-1258">,
# <meta http-equiv="Content-Type" content="text/html; charset=utf-8">.
HTML_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w:.-]+)", re.I)
# Portal chrome by class or id: "main-nav", "breadcrumb", "footer", "sidebar-right",
# "box-share", "ads-top" (a word of the name, so "footnote" and "header-table" stay).
HTML_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|footer|sidebar|banner|ads?|advert\w*"
    r"|social|share|sharing|comments?|cookies?|popup|modal|related|tags?)(?:$|[\s_-])",
    re.I,
)
# A saved page in one MIME file (.mht): "MIME-Version: 1.0" and a multipart/related body.
MHT_START = re.compile(rb"(?:[\w-]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)*?MIME-Version:\s*1\.0", re.I)

# --- gazetteer and organisations (folded text) ------------------------------------------------

# A unit's type word opening its name: "huyện Kim Sơn", "thành phố Hồ Chí Minh", "TP. Hà Nội".
UNIT_TYPE_F = re.compile(
    r"^(?:thanh pho|thi tran|dac khu|thi xa|phuong|huyen|quan|tinh|xa)\b\.?\s*"
)
# "TP." / "TP" for "thành phố": "TP. Hồ Chí Minh", "TP HÀ NỘI".
CITY_ABBREVIATION_F = re.compile(r"^tp\.?\s*")
# A dash with any spacing, written " - " in keys: "Bà Rịa-Vũng Tàu", "Lao động -Thương binh".
DASH_SPACING = re.compile(r"\s*-\s*")
# Punctuation ending a printed name: "Bộ Tài chính;" "Tổng cục Thuế.".
TRAILING_PUNCT = re.compile(r"[.,;:]+$")
# What a spokesman is dropped before: a committee, "Tỉnh ủy", "Đảng bộ tỉnh".
COMMITTEE_AHEAD_F = re.compile(r"(?:tinh|thanh|huyen|quan|thi|dang) uy|dang bo|uy ban mat tran")
# A committee organ not caught by COMMITTEE_ORGAN_F: "Văn phòng … Huyện ủy", "Ban … Tỉnh ủy".
PARTY_ORGAN_F = re.compile(r"(?:ban|van phong|uy ban kiem tra)\b.*\buy\b")
# The level words in a name: "… các tỉnh, thành phố" (province), "huyện" (district), "xã".
LEVEL_PROVINCE_F = re.compile(r"\b(?:tinh|thanh pho)\b")
LEVEL_DISTRICT_F = re.compile(r"\b(?:huyen|quan|thi xa)\b")
LEVEL_COMMUNE_F = re.compile(r"\b(?:xa|phuong|thi tran)\b")
# A province named in running text: "tỉnh Ninh Bình", "Tỉnh ủy Quảng Trị", "thành phố Hà Nội".
PROVINCE_MENTION = re.compile(
    r"\b(?:Tỉnh ủy|Tỉnh uỷ|TỈNH ỦY|tỉnh|Tỉnh|TỈNH|thành phố|Thành phố|THÀNH PHỐ)\s+"
    r"((?:[^\W\d_]+)(?:\s+[^\W\d_]+){0,3})"
)
# The signer organisation of a digital-signature stamp: "Ký bởi: Tổng cục Thuế", "Người ký: …".
STAMP_SIGNER_F = re.compile(r"^\W{0,3}(?:ky b[o0]i|nguoi ky)\s*:\s*")
# Verbs with which a letter's issuer speaks of itself: "Tổng cục Thuế có ý kiến như sau",
# "Ban Thường vụ Huyện ủy yêu cầu:", "Cục Thuế … nhận được công văn".
ISSUER_SPEECH_F = re.compile(
    r"\b(?:co y kien|tra loi|nhan duoc|yeu cau|de nghi|gioi thieu|thong bao|huong dan)\b"
)
# Where a clause starts: "Trả lời công văn …, Tổng cục Thuế có ý kiến" (after ", ").
CLAUSE_START_F = re.compile(r"(?:[.;:]\s|,\s|\n)")
# A word boundary between name words, for trying each split of a name: "cuc thue tinh bac ninh".
SPACE = re.compile(r" ")

# --- organisations (folded text) -----------------------------------------------------------

# Who speaks for a committee, dropped to name the committee itself:
# "Ban Thường vụ Tỉnh ủy", "Thường trực Huyện ủy", "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "TT Tỉnh ủy".
ORG_SPOKESMAN_F = re.compile(
    r"^(?:ban thuong vu|ban thuong truc|thuong truc|ban chap hanh|btv|tt)\s+(?=\S)"
)
# Abbreviations spelled out: "UBND huyện", "HĐND tỉnh", "MTTQ", "BHXH tỉnh", "TP. Hà Nội",
# "UB Giám sát", "TW".
ORG_ABBREVIATIONS_F = (
    (re.compile(r"\bnn\s*(?:&|va)\s*ptnt\b"), "Nông nghiệp và Phát triển nông thôn"),
    (re.compile(r"\bptnt\b"), "Phát triển nông thôn"),
    (re.compile(r"(?<=[a-z]) & (?=[a-z])"), " và "),
    (re.compile(r"\bubnd\b"), "Ủy ban nhân dân"),
    (re.compile(r"\bhdnd\b"), "Hội đồng nhân dân"),
    (re.compile(r"\bub\b"), "Ủy ban"),
    (re.compile(r"\bmttq\b"), "Mặt trận Tổ quốc"),
    (re.compile(r"\bbhxh\b"), "Bảo hiểm xã hội"),
    (re.compile(r"\btw\b"), "Trung ương"),
    (re.compile(r"\btp\.?\s*hcm\b|\btphcm\b"), "thành phố Hồ Chí Minh"),
    (re.compile(r"\btp\b\.?\s*"), "thành phố "),
    (re.compile(r"\bbcd\b"), "Ban Chỉ đạo"),
)
# A party committee: "Huyện ủy Kim Sơn", "TỈNH ỦY QUẢNG TRỊ", "Thành ủy", "Đảng ủy xã Sơn Hà".
PARTY_COMMITTEE_F = re.compile(
    r"^(?P<kind>tinh|thanh|huyen|quan|thi|dang) uy"
    r"(?:\s+(?P<utype>xa|phuong|thi tran|khoi)\b)?\s*(?P<place>.*)$"
)
# The party organisation of a unit, naming its committee: "ĐẢNG BỘ TỈNH NINH BÌNH".
PARTY_BRANCH_F = re.compile(
    r"^dang bo\s+(?P<utype>tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\b\s*(?P<place>.*)$"
)
# A People's Committee or Council: "Ủy ban nhân dân huyện Hải Lăng", "UBND Tỉnh".
PEOPLES_BODY_F = re.compile(
    r"^(?P<body>uy ban nhan dan|hoi dong nhan dan)\b\s*"
    r"(?P<utype>tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)?\b\s*(?P<place>.*)$"
)
# An agency that is followed by its territory: "Cục Thuế tỉnh Bắc Ninh", "CHI CỤC THUẾ TP NHA
# TRANG", "Bảo hiểm xã hội thành phố Hồ Chí Minh", "Sở Y tế Thành phố Hồ Chí Minh"; the agency
# part is matched whole (fullmatch) against each prefix of the name.
TERRITORIAL_AGENCY_F = re.compile(
    r"chi cuc thue|cuc thue|chi cuc hai quan|cuc hai quan|bao hiem xa hoi"
    r"|kho bac nha nuoc|cuc thong ke|so [a-z ,\-]+|phong [a-z ,\-]+"
)
# The territory after an agency: "tỉnh Bắc Ninh", "TP. Hồ Chí Minh", "Nha Trang".
TERRITORY_F = re.compile(
    r"(?:(?P<utype>tinh|thanh pho|huyen|quan|thi xa)\b\s*)?(?P<place>[^,;()]+)$"
)
# The Party's board in a State body (folded): "Ban cán sự đảng Bộ Y tế", "BCS đảng UBND tỉnh".
PARTY_CADRE_BOARD_F = re.compile(r"^(?:ban can su dang|bcs dang|bcsd)\s+")
# A local Front committee (folded): "Ủy ban MTTQ Việt Nam thị xã", "Ủy ban Mặt trận Tổ quốc
# Việt Nam tỉnh Ninh Bình" (MTTQ already spelled out).
FRONT_COMMITTEE_F = re.compile(
    r"^uy ban mat tran to quoc(?: viet nam)?\s+"
    r"(?P<utype>tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\b\s*(?P<place>.*)$"
)
# A body of a committee: "Ban Tuyên giáo Huyện ủy", "Văn phòng Tỉnh ủy", "UBKT Huyện ủy".
COMMITTEE_ORGAN_F = re.compile(
    r"^(?P<organ>ban [a-z ]+?|van phong|uy ban kiem tra|ubkt)\s+"
    r"(?P<committee>(?:tinh|thanh|huyen|quan|thi|dang) uy.*)$"
)
# Words that mark a front organisation: "Mặt trận Tổ quốc", "Hội Liên hiệp Phụ nữ", "Công đoàn".
FRONT_WORDS_F = re.compile(
    r"\b(?:mat tran to quoc|doan thanh nien|hoi lien hiep phu nu|hoi phu nu|hoi nong dan"
    r"|hoi cuu chien binh|lien doan lao dong|cong doan|doan the)\b"
)
# Heads of State bodies (folded): "Sở Y tế", "Công an tỉnh", "Vụ Pháp chế", "Chi cục Kiểm lâm".
STATE_HEAD_F = re.compile(
    r"^(?:bo|so|phong|cuc|chi cuc|tong cuc|vu|cong an|thanh tra|kho bac|bao hiem|toa an"
    r"|vien kiem sat|hoi dong nhan dan|uy ban nhan dan|van phong (?:chinh phu|uy ban|hoi dong|bo)"
    r"|benh vien|trung tam|ban quan ly|ban chi dao|quan doi|bo chi huy|bo doi)\b"
)
# What no organisation's name holds: a number line ("Số: ???/@@-XX", folded "so: ???/@@-xx",
# whose "so" is also "Sở"), OCR glyphs that are no letters ("CỤC @#THUẾ"), the national motto
# ("Thủ tướng Chính phủ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": a name run into the next line).
NOT_A_NAME_F = re.compile(
    r"^s[o6e]\s*[:;]|^s[o6e]\s*\d|[?@#{}<>=~^$%]|cong hoa xa hoi|doc lap\s*-\s*tu do"
)
# Words that open an organisation's name (for telling an organisation from a phrase).
ORG_HEAD_F = re.compile(
    r"^(?:bo|ban|so|phong|cuc|chi cuc|tong cuc|vu|van phong|uy ban|hoi dong|hoi|trung tam"
    r"|doan|dang uy|dang bo|chi bo|mat tran|lien doan|cong an|quan doi|bao hiem|kho bac"
    r"|ngan hang|thanh tra|toa an|vien|dai|truong|benh vien|cong ty|tong cong ty|tong lien doan"
    r"|chinh phu|thu tuong|quoc hoi)\b"
)

# A body named without its place, so relative to the issuer (folded): "Huyện ủy", "Tỉnh ủy",
# "Ủy ban nhân dân huyện", "Đảng ủy xã".
RELATIVE_BODY_F = re.compile(
    r"(?:tinh|thanh|huyen|quan|thi) uy|dang uy(?: (?:xa|phuong|thi tran))?"
    r"|(?:uy ban nhan dan|hoi dong nhan dan)(?: (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong"
    r"|thi tran))?"
)
# A unit named by its type word (folded), the name following: "huyện Hải Lăng", "tỉnh Ninh Bình".
UNIT_MENTION_F = re.compile(r"\b(?P<utype>huyen|quan|thi xa|tinh|thanh pho)\s+")

# --- header ----------------------------------------------------------------------------------

# A document type code inside a number: "217-CV/HU" → CV, "43/NQ-CP" → NQ, "12/CĐ-UBND" → CĐ.
NUMBER_TYPE_PARTY = re.compile(r"^[^-/]*\d[^-/]*-(?P<code>[^/\s]+)/")
NUMBER_TYPE_STATE = re.compile(r"^[^/]*\d[^/]*/(?:\d{4}/)?(?P<code>[^-/\s]+)")
# The national motto and the Party's name, printed in the header's right column (folded,
# OCR-tolerant): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CONG HOAYXA HOI", "Độc lập - Tự do -
# Hạnh phúc", "Doc lap - Ty do", "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CÔNG SẢN VIỆT NAM".
RIGHT_COLUMN_F = re.compile(
    r"c[o0]ng\s?ho[a-z]{0,2}\s?[a-z]?\s?x[a-z]{0,2}\s|chu\s+ngh[a-z]{0,2}\s+viet|"
    r"d[o0]c\s+l[a-z]p\s*[-—–]|t[uy]\s+d[o0]\s*[-—–]|h[a-z]nh\s+ph[a-z]{1,2}c\b|"
    r"dang\s+c[o0]ng\s+san\s+viet\s+nam"
)
# The "Số" that opens a registration number: "Số 217-CV/HU", "SỐ 86 -CV/HU", "Số:416 /NQ-CP",
# OCR "Só:", "Sé:", "$6:", "8é:." (folded: "so", "se", "$6", "8e").
NUMBER_ANCHOR_F = re.compile(r"(?<![a-z0-9])(?:s[o6e]|\$[o6e]|8[eo])\s*[:;.!,]*\s*")
# What follows the anchor: the serial (possibly unreadable: "3{85", "##20") and the separator.
# "217-CV/HU" → raw "217", sep "-"; "43/NQ-CP" → raw "43", sep "/"; "Số: /BHXH-QLT" → raw "".
NUMBER_RAW = re.compile(r"(?P<raw>[^\s/\-][^/\-\n]{0,12}?|)\s*(?P<sep>[-/])\s*")
# The codes after the separator: "CV/HU", "NQ-CP", "TCT - TTKT", "CTTPHCM-KK", "HQVSIP".
# (Ư, Ơ: "45-KL/TƯ", the Central Committee's code as some copies print it.)
NUMBER_CODE = re.compile(r"(?P<code>[A-ZĐƯƠa-zđ0-9&]+(?:[ ]?[-/][ ]?[A-ZĐƯƠa-zđ0-9&]+)*)")
# A readable serial: digits with stray marks the guidelines drop ("963°", "435'7").
NUMBER_SERIAL_OK = re.compile(r"[0-9][0-9 '°’`]*")
# The place-and-date line: "Kim Sơn, ngày 12 tháng 3 năm 2021", "Hà Nội, ngài: 19 tháng 7 nam
# 2021", "ngày tháng 02 năm 2020" (blank day). Folded; day/month may be unreadable ("2#", "C4");
# the year takes every digit ("năm 20211" is no year 2021: the date checks refuse it).
# A scan may space a two-digit day or month out: "Hà Nội, ngày 2 4 tháng 12 năm 2021".
DATE_LINE_F = re.compile(
    r"\bng[a-z]{1,2}\s*[:.,]?\s*(?P<d>\d \d|\S{0,3}?)\s*th[a-z]{2,4}\s*(?P<m>\d \d|\S{0,3}?)\s*"
    r"n[a-z]{1,2}m\s*(?P<y>\d{4,})"
)
# A place-and-date line in numeric form (folded): "Hà Nội, ngày 03-8-2021", "Kim Sơn, 12/3/2021".
DATE_LINE_NUMERIC_F = re.compile(
    r"(?<=,)\s*(?:ngay\s*)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4,})\b"
)
# A numeric date: "17/10/2022", "03-8-2021", "03.8.2021".
DATE_NUMERIC = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})(?!\d)"
)
# The subject line: "V/v thực hiện …", "v/v", OCR "Viv:", "VW", "VWv", "Vv", "'V#v", "V.v",
# "Về việc …".
SUBJECT_VV_F = re.compile(
    r"^[\W_]{0,2}(?:v\s*[/#⁄.,\\|]\s*v|viv|vwv|vw|vv|v/|ve viec)(?=[\s:.]|$)[\s:.]*"
)
# "VÀ" misread for "V/v" when the subject itself follows in lower case: "VÀ tính thuế …".
SUBJECT_VA = re.compile(rf"^VÀ\s+(?=[a-z{VI_LOWER}])")
# A title's subject printed in capitals under it (folded): "THÔNG BÁO" / "KẾT LUẬN CỦA BAN
# THƯỜNG VỤ TỈNH ỦY" / "về …", "NGHỊ QUYẾT" / "VỀ CÔNG TÁC CÁN BỘ" (other short capital lines
# under a title are not the subject).
TITLE_SUBJECT_CAPS_F = re.compile(r"(?:ket luan|y kien|ve)(?![a-z])")
# What ends a title subject printed in capitals over several lines (folded): the authority
# line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "ỦY BAN NHÂN DÂN THÀNH PHỐ …", "BAN BÍ THƯ"), a
# section heading ("I. CĂN CỨ", "A. MỤC ĐÍCH", "1. Mục đích"), "Căn cứ …".
CAPS_SUBJECT_STOP_F = re.compile(
    r"(?:chu tich|uy ban nhan dan|hoi dong nhan dan|bo truong|thu tuong|ban bi thu|bo chinh tri"
    r"|ban thuong vu|ban chap hanh|giam doc|tong cuc truong|cuc truong|can cu)\b"
    r"|(?:[ivxl]+|[a-d]|\d{1,2})\s*[.)/-]\s"
)
# Verbs that open a title subject in capitals (folded): "BAN HÀNH QUY CHẾ …", "TRIỂN KHAI …",
# "THỰC HIỆN …", "TĂNG CƯỜNG …", "SẮP XẾP …", "TỔ CHỨC …".
TITLE_SUBJECT_VERB_F = re.compile(
    r"(?:ban hanh|trien khai|thuc hien|tang cuong|sap xep|to chuc|nang cao|day manh|phe duyet"
    r"|quy dinh|xay dung|chan chinh|kien toan|thanh lap|phong,? chong|giam sat|ra soat)\b"
)
# "Về việc"/"V/v" at the start of a title subject: "Về việc tiếp tục đẩy mạnh …".
SUBJECT_PREFIX_F = re.compile(r"^(?:v\s*/\s*v|ve viec)\b[\s:.]*")
# The recipients' opener: "Kính gửi:", "Kinh gửi", "Kínhgửi:", OCR "Site gửi:", "gửi:";
# a Công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:".
RECIPIENTS_F = re.compile(
    r"(?:^|\s)(?:\S*\s?gui|[a-z ]*\bdien)\s*:\s*|(?:^|\s)kinh\s?gui\b\s*:?\s*"
)
# Every RECIPIENTS_F match holds one of these ("kinh gui:", "dien:"): a line holding none is
# not scanned (the pattern opens with no literal, so a scan tries it at every character).
RECIPIENTS_NEEDS_F = ("gui", "dien")
# A digital-signature stamp or its fields: "Ký bởi: Tổng cục Thuế", "Người ký:", "Thời gian ký:",
# "Địa chỉ: 123 Lò Đúc", "Email:", "Cơ quan:", "2022.03.14 09:12:05 +07:00".
STAMP_LINE_F = re.compile(
    r"^(?:\W{0,3}(?:ky b[o0]i|nguoi ky|thoi gian ky|dia chi|bia chi|email|co quan)\b"
    r"|\d{4}\.\d{2}\.\d{2}\s+\d{1,2}:\d{2}|\d{2}\.\d{2}\.\d{4}\s+\d{1,2}:\d{2})"
)

# A letter naming itself in its appendix (folded): "(Kèm theo Công văn số 1873/TCT-TTKT ngày
# 01/6/2022 về tăng cường rà soát …)".
SELF_REFERENCE_F = re.compile(
    r"\(\s*kem theo (?P<type>cong van|chi thi|ke hoach|thong bao|quyet dinh|huong dan)\s+so\s*"
    r"(?P<num>\d)[^\s]*\s+ngay\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})"
    r"(?:\s+cua\s+[^()]*?)?\s+(?:ve|v/v)\s+(?P<subject>[^()]+)\)"
)

# --- page chrome and portal metadata (folded text; used by extract/find_page.py) ---------------

# A portal's metadata label and its value, inline or in a table row: "Số hiệu: 15/CT-UBND",
# "| Cơ quan ban hành | Thành phố Huế |", "Nơi ban hành: Tỉnh Quảng Ngãi Người ký: Trần Văn A".
PAGE_META_LABEL_F = re.compile(
    r"(?:^|(?<=[\s|]))(?P<label>so hieu|loai van ban|noi ban hanh|co quan ban hanh|nguoi ky"
    r"|ngay ban hanh|ngay hieu luc|ngay co hieu luc|ngay cong bao|so cong bao|linh vuc"
    r"|tinh trang|ngay het hieu luc)\s*(?::|\|)\s*",
    re.M,
)
# A line of page furniture that ends the document when it follows it: "HIỆU LỰC VĂN BẢN",
# "Văn bản liên quan", "Tin cùng chuyên mục" (strong: a document never prints these alone).
PAGE_TAIL_F = re.compile(
    r"^[ \t|*]*(?:hieu luc van ban|van ban lien quan|tin lien quan|bai viet lien quan|cac tin khac"
    r"|tin cung chuyen muc|van ban cung linh vuc|thuoc tinh van ban|luoc do van ban)[ \t\r:]*$",
    re.M,
)
# A page's headline naming a document kind (folded): "Quy định về sự phối hợp …", "Kế hoạch
# thực hiện Kết luận số 01-KL/TW", "Chỉ thị 15/CT-UBND năm 2014 …".
PAGE_HEADLINE_F = re.compile(
    r"(?:cong van|chi thi|ket luan|nghi quyet|thong bao|ke hoach|quyet dinh|huong dan|quy dinh"
    r"|chuong trinh|thong tri|van ban)\b"
)
# Page furniture on its own line: "Tải bản đầy đủ (.pdf)", "Đăng nhập", "Lượt xem: 1844 lượt",
# "Hệ thống pháp luật", "Nếu bạn là thành viên. Vui lòng ĐĂNG NHẬP …".
PAGE_CHROME_LINE_F = re.compile(
    r"^[\s|*]*(?:tai ban day du|tai ve|tai xuong|dang nhap|dang ky|tim kiem|truy cap|hom nay"
    r"|hom qua|tuan nay|thang nay|tat ca|luot xem|chia se|ban dang xem|y kien tham do|tac gia"
    r"|ngay dang|ngay cap nhat|tu khoa|dang tai|he thong phap luat|neu ban la thanh vien"
    r"|de su dung toan bo|noi dung toan van|trang chu|</?[a-z]+|(?:thu (?:hai|ba|tu|nam|sau|bay)"
    r"|chu nhat),? \d{1,2}/\d{1,2}/\d{4})"
)
# A header line that may open the document (folded, upper case in print): an organisation
# ("ỦY BAN NHÂN DÂN", "BCĐ XÂY DỰNG NÔNG THÔN MỚI", "ĐẢNG BỘ HUYỆN …"), the motto or the
# Party's name, or the number line ("Số: 06/CT-UBND").
PAGE_HEADER_ORG_F = re.compile(
    r"^[\s|*]*(?:uy ban|hoi dong|dang bo|dang uy|ban |bcd\b|bo |van phong|tinh uy|thanh uy"
    r"|huyen uy|quan uy|thi uy|chi bo|tong cuc|cuc |chi cuc|so |phong |mat tran|doan |hoi "
    r"|chinh phu|thu tuong|quoc hoi|toa an|vien kiem sat|bao hiem|kho bac|ngan hang|tong lien"
    r"|cong hoa xa hoi|dang cong san viet nam)"
)
PAGE_NUMBER_LINE_F = re.compile(r"^[\s|*]*s[o6]\s*:?\s*\d")
# The lead line of a portal or a document known by its title line (folded):
# "Thông báo số 217/TB-UBND ngày 08/5/2019 của UBND thị xã Điện Bàn V/v treo cờ …",
# "Kế hoạch số 30-KH/ĐU ngày 05/01/2022 về thực hiện …", "(Quyết định số 283-QĐ/TW ngày
# 26-1-2010 của Ban Bí thư Trung ương Đảng".
PAGE_LEAD_F = re.compile(
    r"(?P<type>cong van|chi thi|ket luan|nghi quyet|thong bao|cong dien|ke hoach|quyet dinh"
    r"|huong dan|bao cao|quy dinh|chuong trinh(?: hanh dong)?|to trinh|thong tri)\s+so\s*:?\s*"
    r"(?P<num>\d+\s*[-/]\s*[^\s,;]+)[\s,]*"
    r"(?:ngay\s+(?P<date>\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4})[\s,]*)?"
    r"(?:cua\s+(?P<issuer>.+?)(?=\s+(?:ve|v/v|ve viec)\s|[.,;:(\n]|$))?"
    r"(?:\s*(?:v/v|ve viec|ve)\s+(?P<subject>[^\n]+))?"
)
# What may precede a lead line's type word (folded): a site's section tag and "Tại", "Toàn
# văn", "Ban biên tập giới thiệu toàn văn": "(Mặt trận) - Tại Quy định số 97-QĐ/TW …".
PAGE_LEAD_BEFORE_F = re.compile(
    r"[\s(]*(?:\([^()]{1,30}\)\s*-?\s*)?(?:tai|toan van|noi dung|[a-z ]{0,30}gioi thieu toan van)?"
    r"\s*"
)
# The portal's news form: "Ngày 23/8/2017, Tỉnh Ủy Thừa Thiên Huế đã ban hành Chương trình số
# 27-CTr/TU về …".
PAGE_LEAD_NEWS_F = re.compile(
    r"\bngay\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})\s*,\s*(?P<issuer>[^,\n]{3,80}?)\s+"
    r"(?:da\s+)?ban hanh\s+(?P<type>[a-z ]{4,25}?)\s+so\s*(?P<num>\d+\s*[-/]\s*[^\s,;]+)"
    r"(?:[\s,]*(?:ve|v/v|ve viec)\s+(?P<subject>[^\n]+))?"
)
# A one-line (flattened) header: where a new header element starts inside the line (folded):
# the Party's name or the motto, "Số …", a place before ", ngày", a second organisation.
FLAT_MOTTO_F = re.compile(r"(?<=\S )(?:dang cong san viet nam|cong hoa xa hoi chu nghia)")
FLAT_NUMBER_F = re.compile(r"(?<=\S )s[o6]\s*:?\s*\d")
FLAT_ORG_F = re.compile(
    r"(?<=[a-z] )(?:dang bo (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)"
    r"|dang uy (?:xa|phuong|thi tran|khoi)|(?:tinh|thanh|huyen|quan|thi) uy |bcd |ban chi dao )"
)
# A header line opening with a Party organisation (folded): "ĐẢNG BỘ HUYỆN NGA SƠN ĐẢNG ỦY XÃ …".
PARTY_HEADER_OPEN_F = re.compile(
    r"^[\s*]*(?:dang bo|dang uy|(?:tinh|thanh|huyen|quan|thi) uy|ban chap hanh)\b"
)
# Where the body starts inside a flattened header's subject line (folded, capital in print):
# "KẾ HOẠCH kiểm điểm … năm 2020 Thực hiện Hướng dẫn số …".
FLAT_BODY_F = re.compile(
    r"(?<=[a-z0-9)\"”.] )(?:thuc hien|can cu|kinh gui|thi hanh|trien khai thuc hien|nham "
    r"|thoi gian qua|trong thoi gian|hien nay|sau khi)"
)
# A body's opening words at a line's start (folded; capital in print): they end a subject.
BODY_OPENER_F = re.compile(
    r"(?:thuc hien|can cu|kinh gui|thi hanh|thoi gian qua|trong (?:thoi gian|nhung nam|nam)"
    r"|hien nay|nham |sau khi|ngay \d)"
)
# Wrapped header cells to rejoin (folded, raw layout): "ngày\n20 tháng", "ngày 23\ntháng",
# "Số:\n258/KH-UBND", "VỀ\nVIỆC", "ỦY\nBAN NHÂN DÂN", "Tiền\nGiang, ngày".
HEADER_WRAP_F = re.compile(
    r"(?:\bngay|\bngay \d{1,2}|\bs[o6]\s*:|^ve|^[a-z]{2,6})[ \t\r]*\n(?:[ \t\r]*\n)?[ \t]*"
    r"(?=\d|thang\b|viec\b|[a-z])",
    re.M,
)
# A date cell cut after its day or month: "Lai Châu, ngày 23", "ngày" / "tháng" / "năm 2016".
DATE_CUT_DAY_F = re.compile(r"\b(?:ngay|thang)(?:\s+\d{1,2})?$")
# A spaced Party number: "Số 09 KH/ĐU" (serial, space, type code, slash, committee code).
NUMBER_SPACED = re.compile(
    r"(?P<serial>\d{1,5})\s+(?P<type>[A-ZĐ]{1,5})\s*/\s*(?P<code>[A-ZĐƯ]{1,8})\b"
)

# --- citations -----------------------------------------------------------------------------
# (owned by find_citations.py / relations.py; all *_F patterns run on folded text)

# A document-type word opening a citation, longest first: "Thông tư liên tịch số 85/2016/…",
# "Thông báo kết luận số 402-TB/TU", "Công điện khẩn số 12/CĐ-UBND", "cong văn số 1691/VPCP".
# Words may be split by a line break: "Nghị\nđịnh số 143/2018/NĐ-CP".
CITE_TYPE_F = re.compile(
    (
        r"(?P<type>"
        + _word_trie(
            "[a-z0-9]",
            "thong tu lien tich|thong tu|nghi dinh|nghi quyet|quyet dinh"
            "|chi thi|thong bao ket luan|ket luan|thong bao|cong dien|cong van|van ban|ke hoach"
            "|huong dan|quy dinh|quy che|to trinh|bao cao|bo luat|luat|phap lenh|hien phap"
            "|hiep dinh|chuong trinh hanh dong|chuong trinh",
        )
        + r")(?![a-z0-9])"
    ).replace(" ", r"[ \n]+")
)
# "số" before a number, with its OCR forms: "số", "sô", "so", "sé", "só", "s6", "sỐ".
# (A list's colon may stand before it: "các văn bản: số 4011/UBND-VX2 …".)
CITE_SO_F = re.compile(r"[ \n]*:?[ \n]*(?:so|se|s6)[ \n]*:?[ \n]*[_'‘]?")
# A document number: "37-KL/TU", "43/NQ-CP", "38/2015/TT-BTC", "889/CD- -TTg",
# "1691/VPCP- KGVX", "20201209-2/CV-HIC", "03/2021/UBTVQHI5". It must hold a letter.
# Web copies add an en dash and a serial with a letter: "21 –NQ/BCH", "30c/NQCP".
CITE_NUMBER_F = re.compile(
    r"\d[\d.]*[a-z]?(?:[ ]?[-/–][ \n]?(?:-[ ]?)?[0-9a-z][0-9a-z&]*)*"
    r"[ ]?[-/–][ \n]?(?:-[ ]?)?[a-z][0-9a-z&]*(?:[ ]?[-/–][ \n]?[0-9a-z][0-9a-z&]*)*"
)
# "ngày" glued to the end of a number by a web copy: "1471/TM-VPngày 18 tháng 9 năm 2010"
# (folded; the number keeps what comes before it).
CITE_NUMBER_GLUED_DATE_F = re.compile(r"ngay$")
# The next mention of a list that names its type once (folded): "các văn bản: số 4011/UBND-VX2
# ngày 15/6/2021, số 1071/UBND-VX2 … và số 4761/UBND-VX2 …".
CITE_LIST_NEXT_F = re.compile(
    r"[ \n]*(?:[,;]|[ \n]va)[ \n]+(?P<so>so)[ \n]*:?[ \n]*(?P<number>" + CITE_NUMBER_F.pattern + ")"
)
# The type code printed twice after a number: "37-NQ/TW NQ/TW ngày …" (folded).
CITE_NUMBER_REPEAT_F = re.compile(r"[ \n]+(?P<code>[a-z]+/[a-z0-9]+)(?![a-z0-9/-])")
# A number with no type code, only after "số": "Công văn sô 01/2019", "Nghị quyết số 19".
CITE_BARE_NUMBER_F = re.compile(r"\d{2,}(?:/\d{2,4})?(?![\d/])")
# Separators doubled by OCR in a number key: "889/CD--TTG", "1999/QCPH--BHXH-TCT".
NUMBER_REPEATED_SEPARATOR = re.compile(r"([-/])\1+")
# "I" or "L" read for "1" next to a digit in a number key: "UBTVQHI4" → "UBTVQH14".
NUMBER_OCR_ONE = re.compile(r"[IL](?=\d)|(?<=\d)[IL](?![A-Z])")
# The year inside a State number: "38/2015/TT-BTC" → 2015.
CITE_NUMBER_YEAR = re.compile(r"/((?:19|20)\d\d)/")
# The date after a number: ", ngày 17/10/2022", "ngày 03 tháng 8 năm 2021", "ngay 3 1/5/2007",
# "ngày 4/4/2022"; folded. A year with a digit more ("20211") is no date.
CITE_DATE_F = re.compile(
    r"[ \n,]*(?:ngay|ngav|ngak)[ \n]*"
    r"(?:(?P<d1>\d ?\d|\d)[ \n]*[/.-][ \n]*(?P<m1>\d{1,2})[ \n]*[/.-][ \n]*"
    r"(?P<y1>(?:19|20) ?\d\d)(?!\d)"
    r"|(?P<d2>\d{1,2})[ \n]+thang[ \n]+(?P<m2>\d{1,2})[ \n]+nam[ \n]+(?P<y2>(?:19|20)\d\d)(?!\d))"
)
# (A year split by a web copy's space is read: "ngày 16/7/20 21".)
# The document's own date line, for its year (folded): "Lâm Đồng, ngày 26\ntháng 4 năm 2023".
OWN_DATE_LINE_F = re.compile(
    r"ngay[ \n]*\d{1,2}[ \n]+thang[ \n]+\d{1,2}[ \n]+nam[ \n]+(?P<y>(?:19|20)\d\d)(?!\d)"
)
# Any date printed after a number, whatever its year, to report one that cannot be:
# ", ngày 31/2/2023", "ngày 03/8/20211", "ngày 12 tháng 3 năm 1066" (folded).
CITE_DATE_ANY_F = re.compile(
    r"[ \n,]*(?:ngay|ngav|ngak)[ \n]*"
    r"(?:(?P<d1>\d{1,2})[ \n]*[/.-][ \n]*(?P<m1>\d{1,2})[ \n]*[/.-][ \n]*(?P<y1>\d{4,})"
    r"|(?P<d2>\d{1,2})[ \n]+thang[ \n]+(?P<m2>\d{1,2})[ \n]+nam[ \n]+(?P<y2>\d{4,}))"
)
# A sentence that opens with the date something was issued or signed: "Ngày 17/10/2022, Tổng
# cục Hải quan ban hành công văn số 4357/TCHQ-GSQL …" (folded).
CITE_DATE_OPENING_F = re.compile(
    r"ngay[ \n]*\d{1,2}[ \n]*[/.-][ \n]*\d{1,2}[ \n]*[/.-][ \n]*(?:19|20)\d\d(?!\d)"
    r"[ \n]*,[^.;:]{0,120}?"
    r"(?<![a-z])(?:ban[ \n]+hanh|ky|gui|co)(?![a-z])"
)
# The rest of a law's title before its date: "Luật Ban hành| văn bản quy phạm pháp luật ngày
# 22 tháng 6 năm 2015" (folded; the title's end word list cannot know every title).
LAW_TITLE_TAIL_F = re.compile(r"(?:[ \n]+[a-z]+){1,6}?(?=[ \n,]*ngay[ \n]*\d)")
# "năm 2012" after a law's name: "Bộ luật Lao động năm 2012".
CITE_YEAR_F = re.compile(r"[ \n]+nam[ \n]+(?P<y>(?:19|20)\d\d)(?!\d)")
# "của <issuer>" after the number/date: "của Ban Thường vụ Tỉnh ủy", "cua Chính phủ".
CITE_OF_F = re.compile(r"[ \n,]*(?:cua|cúa)[ \n]+")
# A lower-case word that ends a printed issuer (matched at a word start, folded):
# "của Chính phủ về …", "của Bộ Y tế trả lời …", "Cục Hải quan tỉnh X phản ánh vướng mắc".
CITE_ISSUER_STOP_F = re.compile(
    r"(?:ve|quy dinh|huong dan|ban hanh|dam bao|tren|thi|neu|tai|da|cho|de|trong|theo"
    r"|doi voi|voi|gui|phe duyet|co|la|nay|ngay|so|thuc hien|trien khai|ap dung|tiep tuc"
    r"|tap trung|nham|khi|kem|duoc|dang|se|sau|truoc|nhu|tu|den|tra loi|phan anh|de nghi"
    r"|bao cao|gom|ma|hoac|bi|chu|cung|hien|dong thoi|yeu cau|giao|va cac|sua doi|bo sung"
    r"|thay the|quy dinh|het hieu luc|co hieu luc)(?![a-z])".replace(" ", r"[ \n]+")
)
# A comma inside a body's name (folded, from the word before it): "Bộ Văn hóa, Thể thao và Du
# lịch", "Sở Văn hóa, Thể thao …", "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh".
ISSUER_COMMA_JOIN_F = re.compile(r"(?:van[ \n]+hoa|phong),[ \n]+(?:the[ \n]+thao|chong)(?![a-z])")
# "và" inside an issuer ("Bộ Tài nguyên và Môi trường") or after it ("… và khoản 5").
ISSUER_AND_F = re.compile(r"va(?![a-z])")
# A word or a punctuation mark of a printed issuer: "Bộ Lao động - Thương binh và Xã hội".
ISSUER_WORD = re.compile(r"(?P<punct>[;:.,()\"“”]|\n\n)|(?P<word>[^\s;:.,()\"“”]+)")
# Where a joint issuer splits into its bodies: "Bộ Tài chính - Bộ Công an", "Bộ Y tế và Bộ Tài
# chính" (a joint circular, TTLT-BTC-BCA).
JOINT_ISSUER_SPLIT = re.compile(r"\s+[-–—]\s+|\s+và\s+(?=Bộ\b|Ngân hàng|Tổng|Ủy ban|Văn phòng)")
# The verb of a subject that issues the mention after it, read backwards from the type word
# (folded): "Ngày 05/3/2021, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 05-CT/TU",
# "Bộ Tài chính và Ngân hàng Nhà nước (NHNN) Việt Nam đã tổ chức ký Quy chế …".
CITE_ISSUED_BY_F = re.compile(
    r"(?<![a-z])(?:(?:da|cung|vua|moi|to[ \n]+chuc|tien[ \n]+hanh)[ \n]+)*"
    r"(?:ky[ \n]+)?(?P<verb>ban[ \n]+hanh|ky)[ \n]+$"
)
# Whose view a mention carries, read backwards from the type word (folded): "Ý kiến của Cục
# Quản lý Dược, Bộ Y tế tại Công văn số 2140/QLD-ĐK" (the body before the comma).
CITE_OF_AT_F = re.compile(r"(?<![a-z])cua[ \n]+(?P<who>[^;:.()]{2,90}?)[ \n]+tai[ \n]+$")
# Two bodies issuing together, in an issuing subject (printed): "Bộ Y tế tiếp tục phối hợp
# với Bộ Công an ký …" → "Bộ Y tế", "Bộ Công an"; also "… và …".
JOINT_SUBJECT_SPLIT = re.compile(
    r"(?:\s+(?:đã|tiếp tục|cùng))*\s+phối hợp với\s+|\s+và\s+", re.IGNORECASE
)
# Where an issuing subject starts: after the clause mark before it ("Ngày 05/3/2021, …").
CITE_CLAUSE_MARK = re.compile(r"[,;:.]|\n\n")
# An abbreviation in brackets inside a printed name: "Ngân hàng Nhà nước (NHNN) Việt Nam".
NAME_ABBREVIATION = re.compile(r"[ \t\n]*\([A-ZĐ]{2,}\)")
# An issuer named only as the letter's addressee: "của Công ty", "của Quý Doanh nghiệp".
CITE_ADDRESSEE_WORD_F = re.compile(r"(?:quy[ \n]+)?(cong[ \n]+ty|doanh[ \n]+nghiep|don[ \n]+vi)$")
# The addressee line of a reply: "Kính gửi: Công Ty TNHH Nhân Sự Phần Mềm Việt".
CITE_ADDRESSEE_LINE_F = re.compile(r"kinh[ \n]+gui[ \n]*:?[ \n]*(?:quy[ \n]+)?(?P<name>[^\n]+)")
# A ministry's or a department's name abbreviated (printed): "Sở NN & PTNT tỉnh Hà Nam", "Bộ
# Nông nghiệp và PTNT", "Sở LĐ-TB&XH", "Sở TT&TT", "Bộ VHTTDL" — spelled out before resolving.
AGENCY_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])(?:NN[ ]?&[ ]?PTNT|NN[ ]?và[ ]?PTNT|NNPTNT|PTNT|LĐ[ ]?-?[ ]?TB[ ]?&[ ]?XH|LĐTBXH"
    r"|TT[ ]?&[ ]?TT|TTTT|VHTTDL|VH[ ]?,?[ ]?TT[ ]?&[ ]?DL|KH[ ]?&[ ]?ĐT|KHĐT|TN[ ]?&[ ]?MT|TNMT"
    r"|GD[ ]?&[ ]?ĐT|GDĐT|GTVT|KH[ ]?&[ ]?CN|KHCN)(?![^\W\d_])"
)
# "&" inside a name: "Sở Nông nghiệp & Phát triển nông thôn".
NAME_AMPERSAND = re.compile(r"[ ]*&[ ]*")
# Who speaks for a Front committee, dropped (printed): "Ban Thường trực Ủy ban MTTQ Việt Nam thị
# xã" → "Ủy ban MTTQ Việt Nam thị xã".
FRONT_SPEAKER = re.compile(r"^(?:Ban[ ]+)?[Tt]hường[ ]+trực[ ]+(?=Ủy[ ]+ban|Uỷ[ ]+ban|UB)")
# A Party conference named for its committee (printed): "Hội nghị Tỉnh ủy lần thứ 5 Khoá XX",
# "Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII".
CONFERENCE_HEAD = re.compile(r"^Hội[ ]+nghị[ ]+(?:lần[ ]+thứ[ ]+\S+[ ]+)?")
CONFERENCE_TAIL = re.compile(
    r"(?:[ ]+Đảng)?[ ]+(?:lần[ ]+thứ[ ]+\S+|[Kk]h(?:óa|oá)[ ]+\S+)(?:[ ]+.*)?$"
)
# A Party organisation named for its committee (printed): "Ban Chấp hành Đảng bộ tỉnh" →
# "Tỉnh ủy", "Đảng bộ huyện Kim Sơn" → "Huyện ủy Kim Sơn".
PARTY_ORGANISATION = re.compile(
    r"^(?:Ban[ ]+[Cc]hấp[ ]+hành[ ]+)?Đảng[ ]+bộ[ ]+(?P<level>tỉnh|[Tt]hành[ ]+phố|huyện|quận"
    r"|thị[ ]+xã|xã|phường|thị[ ]+trấn)(?:[ ]+(?P<rest>.+))?$"
)
# The Youth Union's central committee, for whichever of its organs speaks: "Ban Bí thư Trung
# ương Đoàn", "Ban Thường vụ Trung ương Đoàn TNCS Hồ Chí Minh".
YOUTH_UNION_CENTRAL = re.compile(
    r"^(?:Ban[ ]+Bí[ ]+thư|Ban[ ]+Thường[ ]+vụ|Ban[ ]+Chấp[ ]+hành)[ ]+Trung[ ]+ương[ ]+Đoàn"
    r"(?:[ ]+TNCS[ ]+Hồ[ ]+Chí[ ]+Minh)?$"
)
# A bare level word ending a relative issuer (folded): "Ủy ban nhân dân Thành phố", "UBND
# tỉnh", "Ủy ban MTTQ Việt Nam thị xã" — the unit is the issuer's own.
BARE_LEVEL_END_F = re.compile(
    r"(?<![a-z])(?P<level>tinh|thanh pho|huyen|quan|thi xa|thi tran|xa|phuong)$"
)
# A provincial department's head word (folded): "Sở Công Thương", "Sở Nội vụ".
AGENCY_HEAD_SO_F = re.compile(r"so[ ]+(?=[a-z])")
# A unit's type word at the start of its gazetteer name (printed): "Thành phố Hà Nội", "Huyện
# Nga Sơn", "Thị xã Điện Bàn".
UNIT_TYPE_WORD = re.compile(r"(?:Thành phố|Thị xã|Thị trấn|Tỉnh|Huyện|Quận|Xã|Phường)(?= )")
# A committee's organ whose name ends with the committee (folded): "Ban Tuyên giáo Huyện ủy",
# "Văn phòng Tỉnh ủy".
COMMITTEE_ORGAN_END_F = re.compile(
    r"^(?:ban|van phong|uy ban kiem tra)[ ].*(?:tinh|huyen|thanh|quan|thi) uy$"
)
# A position before the body it heads: "của Bộ trưởng Bộ Tài chính",
# "Tổng cục trưởng Tổng cục Thuế".
CITE_POSITION_F = re.compile(
    r"^(?:pho )?(?:bo truong|tong cuc truong|cuc truong|chi cuc truong|chu tich|giam doc"
    r"|thu truong)[ \n]+(?=[a-z])"
)
# Where a law's name stops (folded): before "số", "năm", "ngày", "của", "và", punctuation….
_LAW_NAME_STOP = (
    r"(?=[ \n]*(?:$|[^a-z \n])|[ \n]+(?:so|nam|ngay|cua|va|ve|quy|da|duoc|thi|tai|co|la|hien"
    r"|theo|huong|de|trong|cho|voi|doi|nay|neu|khong|moi|tu|sua|ap|dieu|khoan|cac|nhung|thuc"
    r"|ban|gom|cung|hoac|ma|deu|bi|phai|can|van|con|vi|nen|tuc|hien hanh|nhu|tren|ke|o)(?![a-z]))"
)
# A law named without a number (folded): "Luật Quản lý thuế", "Luật BHXH", "Bộ luật Lao động",
# "Luật thương mại", "Luật sửa đôi, bô sung một số điều của Luật Thuế thu nhập cá nhân".
# The name stops before "số", "năm", "ngày", "của", "và", punctuation…; "Luật này",
# "Luật hiện hành", "Luật quy định" are no names.
LAW_NAME_F = re.compile(
    r"(?P<type>" + _word_start("[a-z]", r"bo[ \n]+luat|luat") + r")[ \n]+(?P<name>"
    r"sua[ \n]+doi,?[ \n]+bo[ \n]+sung[ \n]+mot[ \n]+s[a-z0-9]*[ \n]+dieu[ \n]+cua[ \n]+luat"
    r"(?:[ \n]+[a-z]+)+?"
    r"|(?!(?:nay|hien|quy|so|duoc|da|ve|va|cua|tai|phap|moi|cu|thi|co|la|nhu|tren|do|sua|dinh"
    r"|cac|nhung|de|trong)(?![a-z]))[a-z]+(?:[ \n]+[a-z]+)*?)" + _LAW_NAME_STOP
)
# More words of a law's name after a stop word that is printed as a name word ("Luật Đầu
# tư", not "từ"; "Luật Chứng khoán", not "khoản"; "Luật Xử lý vi phạm hành chính", not "vì").
LAW_NAME_MORE_F = re.compile(r"[ \n]+[a-z]+(?:[ \n]+[a-z]+)*?" + _LAW_NAME_STOP)
# Every LAW_NAME_F match holds this word ("Luật Quản lý thuế"): a text without it is not scanned.
LAW_NAME_NEEDS_F = "luat"
# An attachment line naming the document itself: "Kèm theo Công văn số 1873/TCT-TTKT".
CITE_ATTACHMENT_F = re.compile(r"kem theo[ \n]*(?:cong van|van ban)?[ \n]*$")
# A document named without a number, by its type and issuer (printed text): "Kết luận của
# Ban Thường vụ Tỉnh ủy", "Chỉ thị của Thủ tướng Chính phủ", "Công văn của Ban Thường vụ
# Tỉnh ủy về đẩy mạnh …".
CITE_UNNUMBERED = re.compile(
    r"(?P<type>"
    + _word_trie(
        r"[\w]",
        "Nghị quyết|Nghị định|Quyết định|Chỉ thị|Kết luận|Thông báo kết luận"
        "|Thông tư|Công điện|Kế hoạch|Hướng dẫn|Quy định|Công văn|Thông báo",
    )
    + r")[ \n]+(?=của[ \n])"
)
# A resolution or conclusion named by the congress or plenum that adopted it, or by a council
# (printed): "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII", "Nghị quyết Đại hội X của
# Đảng", "Kết luận Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII", "Nghị quyết
# HĐND Thành phố Hà Nội về …". The body runs to punctuation, "về", "nhiệm kỳ" or "và Nghị …".
CITE_NAMED_BODY = re.compile(
    r"(?P<type>Nghị[ \n]+quyết|Kết[ \n]+luận)[ \n]+(?:của[ \n]+)?"
    r"(?P<body>(?:Đại[ \n]*hội|Hội[ \n]+nghị|HĐND|Hội[ \n]+đồng[ \n]+nhân[ \n]+dân)"
    r"[^,;.:()“”\"\n]{0,120}?)"
    r"(?=[ \n]*(?:[,;.:()“”\"]|$)|\n"
    r"|[ \n]+(?:về|nhiệm[ \n]+kỳ|và[ \n]+(?:Nghị|Kết|các|nghị))(?!\w))"
)
# The Party's statute, a document cited by name: "Căn cứ Điều lệ Đảng", "Điềulệ Đảng" (glued).
CITE_PARTY_STATUTE = re.compile(
    r"Điều[ \n]*lệ[ \n]+Đảng(?![ \n]*(?:bộ|ủy|uỷ|viên|đoàn)(?!\w))(?!\w)"
)
# A Party organisation inside a congress's name (printed): "Đảng bộ tỉnh", "Đảng bộ xã Nhân
# Khang", "Đảng bộ Thành phố".
CITE_PARTY_ORGANISATION = re.compile(
    r"Đảng[ \n]+bộ[ \n]+(?P<level>tỉnh|[Tt]hành[ \n]+phố|huyện|quận|thị[ \n]+xã|xã|phường"
    r"|thị[ \n]+trấn)(?P<name>(?:[ \n]+[^\W\d_][\w-]*)*)"
)
# A roman numeral in a congress's name: "Đại hội X của Đảng", "lần thứ XIII".
ROMAN_NUMERAL = re.compile(r"(?<!\w)[IVXLC]{1,6}(?!\w)")
# What before a named resolution makes it plural, no one document: "các Nghị quyết Đại hội".
CITE_PLURAL_BEFORE_F = re.compile(r"(?<![a-z])(?:cac|nhung)[ \n]+$")
# What must stand right before an unnumbered mention for it to name one document: "Thực hiện
# Kết luận của …", "triển khai thực hiện nghiêm túc Kết luận của …", "Căn cứ Nghị quyết của …".
CITE_UNNUMBERED_LEAD_F = re.compile(
    r"(?<![a-z])(?:thuc hien|trien khai|quan triet|can cu|theo|tinh than)"
    r"(?:[ \n]+(?:nghiem tuc|tot|hieu qua|thuc hien|co hieu qua))*[ \n]+$"
)
# A form named by its code, not a document: "thông báo theo mẫu 01-1/LPTB", "tờ khai mẫu số".
CITE_FORM_F = re.compile(r"(?<![a-z])mau(?![a-z])")

# Relation words before a citation (folded).  The nearest one decides.
# "Căn cứ Nghị định số …" → based_on.
# "Căn cứ quy định tại khoản 1 Điều 9 Nghị định …": the referring words belong to "Căn cứ".
# "Trên cơ sở Kế hoạch số …" → based_on too.
# ("Trên cơ sở" only right before the mention: "Trên cơ sở danh sách … tại Quyết định" is not.)
REL_BASED_ON_F = re.compile(
    r"(?<![a-z])can cu(?![a-z])(?:[ \n]+(?:cac[ \n]+)?quy dinh)?(?:[ \n]+tai)?(?![a-z])"
    r"(?![ \n]+(?:vao|tinh hinh|thuc tien|chuc nang|nhiem vu|dieu kien|yeu cau)(?![a-z]))"
    r"|(?<![a-z])tren[ \n]+co[ \n]+so[ \n]*$"
)
# A section heading over the documents a plan rests on (printed): "I. CĂN CỨ XÂY DỰNG KẾ
# HOẠCH", "1. CĂN CỨ PHÁP LÝ"; its items are based_on whatever their titles say.
REL_BASIS_HEADING = re.compile(r"(?m)^(?:[IVX]{1,4}\.|\d{1,2}\.)?[ \t]*CĂN CỨ(?![^\W\d_])")
# The next top-level heading, which ends that section: "II. MỤC ĐÍCH, YÊU CẦU".
REL_NEXT_SECTION = re.compile(r"(?m)^[IVX]{1,4}\.[ \t]")
# The previous mention's title before a mention (folded gap): "Kết luận số 01-KL/TW … về tiếp
# tục thực hiện Chỉ thị số 05-CT/TW", "Quyết định số 64/QĐ-BGTVT … ban hành Kế hoạch triển
# khai Chỉ thị số 31/CT-TTg": the relation word is the title's, the mention is its object.
REL_IN_TITLE_F = re.compile(
    r"[ \n,]*(?:ve(?:[ \n]+viec)?|ban[ \n]+hanh|phe[ \n]+duyet)(?![a-z])[^;.:]*$"
)
# "sửa đổi, bổ sung Nghị định số …" right before the type word → amends.
# (Provisions may stand between: "Sửa đổi, bổ sung khoản 8 Điều 11 Thông tư số 156 …".)
REL_AMENDS_F = re.compile(
    r"(?<![a-z])sua doi,?[ \n]+bo sung(?:[ \n]+(?:mot so dieu cua|cho"
    r"|(?:(?:diem|khoan|dieu|muc|chuong|phu luc)[ \n]+[0-9a-z.,]{1,6}[ \n]*(?:va[ \n]+)?){1,4}"
    r"(?:cua)?))?[ \n]*$"
)
# "thay thế Công văn 1948/TCT-TTKT" → replaces.
REL_REPLACES_F = re.compile(r"(?<![a-z])thay the(?: cho)?(?![a-z])")
# "bãi bỏ Quyết định …", "hủy bỏ Công văn …" → repeals (ELI's eli:repeals).
REL_REPEALS_F = re.compile(r"(?<![a-z])(?:bai bo|huy bo)(?![a-z])")
# After a mention, this document ending it: "Quyết định số 12/2015/QĐ-UBND hết hiệu lực kể từ
# ngày Quyết định này có hiệu lực thi hành" (not "… đã hết hiệu lực": a fact reported).
REL_CEASES_AFTER_F = re.compile(
    r"[^.;:]{0,120}?(?<![a-z])(?<!da )het[ ]+hieu[ ]+luc(?![a-z])"
    r"[^.;:]{0,80}?(?<![a-z])nay(?![a-z])"
)
# A letter's address line above its body (folded): "Kính gửi:", OCR "Kinh gửi".
LETTER_OPENER_F = re.compile(r"(?<![a-z])kinh[ \n]+gui(?![a-z])")
# Before "sửa đổi, bổ sung" in its sentence: nothing but a label ("Điều 1.", "2.", "a)", "-"),
# so this document amends ("Sửa đổi, bổ sung Thông tư số 38 …"); a subject or a noun there
# describes an amendment made elsewhere ("Các nội dung sửa đổi, bổ sung Thông tư số 156 …",
# "Thông tư số 65 đã sửa đổi, bổ sung …").
REL_LABEL_ONLY_F = re.compile(
    r"[ \n]*(?:(?:dieu[ \n]+\d+|[ivx]+|\d+(?:\.\d+)*)[.:)]?|[a-z]\)|[-+])?[ \n]*"
)
# "Công văn này thay thế …": the replacing document is this one, not another one cited; also
# a decision's formula "Quyết định này có hiệu lực kể từ ngày ký và thay thế …".
REL_SELF_SUBJECT_F = re.compile(
    r"(?<![a-z])nay(?:[ \n]+co[ \n]+hieu[ \n]+luc[^.;:]{0,80}?(?:[ \n]+va|,))?[ \n,]*$"
)
# "Thực hiện", "Triển khai", "Quán triệt", "Tiếp tục thực hiện", "đúng tinh thần",
# "theo chỉ đạo tại Công văn" → implements.
REL_IMPLEMENTS_F = re.compile(
    r"(?<![a-z])(?:tiep tuc thuc hien|thuc hien|trien khai|quan triet|dung tinh than"
    r"|theo tinh than|chi dao tai|theo chi dao)(?![a-z])"
)
# An implementing verb that only reports or frames: "vướng mắc trong thực hiện Nghị định",
# "trong thời gian thực hiện Chỉ thị 16", "việc thực hiện", "đang thực hiện thủ tục".
REL_NOT_IMPLEMENTING_F = re.compile(
    r"(?<![a-z])(?:trong|viec|khi|qua trinh|thoi gian|da|dang|se|van|chua|ket qua|tinh hinh"
    r"|huong dan|quy dinh chi tiet)"
    r"[ \n]+$"
)
# "theo" right before the mention ("theo Nghị quyết số 68", "theo đúng Thông tư") — implements
# only in a sentence that directs (see REL_DIRECTIVE_F), else it merely cites.
REL_THEO_F = re.compile(r"(?<![a-z])theo(?:[ \n]+dung)?[ \n]*$")
# A sentence that directs: it opens with a directing verb ("Tăng cường phối hợp … theo Thông tư
# liên tịch số 85"), or asks someone ("đề nghị", "yêu cầu").
REL_DIRECTIVE_F = re.compile(
    r"^(?:[-+]|\d+[.)-]|[a-z][)])?[ \n]*(?:tang cuong|thuc hien|trien khai|tap trung|khan truong"
    r"|to chuc|chi dao|day manh|tiep tuc|phoi hop|chu dong|nghiem tuc|kiem tra|xu ly|ra soat"
    r"|thuong xuyen|kip thoi|quyet liet|huong dan|bao dam|dam bao|tuyen truyen|pho bien"
    r"|xay dung|chuan bi|bo tri|nghien cuu|tham muu|quan triet|hoan thanh|cap nhat|ap dung)"
    r"(?![a-z])"
    r"|(?<![a-z])(?:de nghi|yeu cau|giao)(?![a-z])"
)
# Words that make a mention a mere reference → cites: "quy định tại Thông tư", "Tiếp theo
# Công văn", "trả lời công văn", "theo đề nghị tại Tờ trình", "tại khoản 1 Điều 77".
REL_CITES_F = re.compile(
    r"(?<![a-z])(?:quy dinh tai|duoc quy dinh|tiep theo|tra loi|de nghi tai|theo de nghi"
    r"|nhan duoc|da ban hanh|da co|bao cao tai|y kien tai)(?![a-z])"
)
# What joins one mention of a list to the next: "…; Quyết định số …", "… và Công điện khẩn",
# "…, cong văn số 5529" — a mention after anything else does not share the relation.
REL_LIST_JOIN_F = re.compile(r"(?:[;,](?:[ \n]+cac)?|(?<![a-z])(?:va|hoac|cung)(?: cac)?)[ \n]*$")
# The cited document's title after its mention ("Căn cứ Công điện số 12/CĐ-TTg … về việc tăng
# cường … để thực hiện mục tiêu kép và công văn số 345 …"): relation words in it are the title's.
REL_TITLE_OPEN_F = re.compile(r"[ \n,]*ve(?:[ \n]+viec)?(?![a-z])")
# A sentence boundary for the relation window: ". " before a capital ("… 2021. Ủy ban"; not
# "… TP. ở"), a blank line, a colon ending a line.
REL_BOUNDARY = re.compile(rf"[.!?](?=[ \n]+[A-Z{VI_UPPER}\"“])|\n\n|:[ \n]*\n")
# What follows a type word when the mention carries a number: qualifiers, "số", the number.
# "khẩn số 12/CĐ-UBND", " 43/NQ-CP", " phối hợp công tác số 5423/QCPH-BHXH-TCT", " sô 01/2019".
CITE_AFTER_TYPE_F = re.compile(
    r"(?P<qual>(?:[ \n]+[a-z]+){0,12}?)"
    r"(?:(?:" + CITE_SO_F.pattern + r")|[ \n]+)(?P<number>" + CITE_NUMBER_F.pattern + r")"
    r"|(?P<qual2>(?:[ \n]+[a-z]+){0,12}?)"
    + CITE_SO_F.pattern
    + r"(?P<bare>"
    + CITE_BARE_NUMBER_F.pattern
    + r")"
)
# A word of at least three letters: "báo cáo kêt quả" has some, "x at" has none.
WORD3 = re.compile(r"[^\W\d_]{3,}")

# --- signature and distribution --------------------------------------------------------------

# The distribution opener: "Nơi nhận:", OCR "Noi nhan:", "Nơi nhân", "Not nhận", "Nai nhận".
DISTRIBUTION_F = re.compile(r"^\W{0,2}n[o0a][it]\s*nh[a-z]n\s*[:;.]?\s*")
# An authority line: "T/M BAN THƯỜNG VỤ", "TM. CHÍNH PHỦ", "KT.TONG CỤC TRƯỞNG", "KT, Bo TRUONG",
# "TL. BỘ TRƯỞNG", "THỪA LỆNH", "KÝ THAY", "THAY MẶT".
AUTHORITY_F = re.compile(
    r"(?:^|\s)(?P<kind>t\s?/\s?m|k\s?/\s?t|t\s?/\s?l|tm|kt|tl|thay mat|ky thay|thua lenh)"
    r"(?:\s*[.,:]\s*|\s+)(?=[a-z])"
)
# Every AUTHORITY_F match holds one of these in its kind ("t/m ban", "kt. bo truong",
# "thua lenh"): a line holding none is not scanned.
AUTHORITY_NEEDS_F = ("/", "tm", "kt", "tl", "thay", "lenh")
# A signer's position (folded): "PHÓ BÍ THƯ", "PHÓ TỔNG CỤC TRƯỞNG", "GIÁM ĐỐC", "PRQ CỤC TRƯỜNG",
# "PHO CHI CỤC TRU", "CHỦ TỊCH", "BỘ TRƯỞNG", "THỦ TƯỚNG", "PHÓ CHỦ NHIỆM", "PHÓ TRƯỞNG BAN".
POSITION_F = re.compile(
    r"^(?:[a-z]+\s+){0,4}(?:truong|tru|bi thu|chu tich|giam doc|thu tuong|chanh van phong"
    r"|tong giam doc|uy vien|chu nhiem|truong ban|chanh an|vien truong|chanh thanh tra"
    r"|bi thu thuong truc|truong ban thuong truc)$"
)
# A purpose after a distribution entry: "(để báo cáo)", "(b/c)", "(thực hiện)", "| để báo cáo".
PURPOSE_F = re.compile(
    r"^(?:de\s|b/c|t/h|p/h|thuc hien|theo doi|chi dao|bao cao|thay tra loi|phoi hop|biet"
    r"|de biet|thuc hien|q/d|dang|dang tai|dang web|dang website|e\s?-?\s?office)"
)
# A person's name word: letters and digits only ("Nguyễn", "Tuấn", OCR's "K3" for "K'"); that it is
# capitalised is checked with str.isupper (a character class cannot tell Vietnamese case).
NAME_WORD = re.compile(r"^[^\W_]+$")

# Lines that follow a recipient and are not one: "Địa chỉ: Lô B2-52 …", "Mã số thuế: 0200858733".
RECIPIENT_STOP_F = re.compile(r"^(?:dia chi|ma so thue|mst|dc|d/c|de:|dt|dien thoai|email)\b")
# "Kính gửi" at the start of what follows a match deep in a line: "… Site gửi: …" → "k…".
OPENS_WITH_K_F = re.compile(r"^\W*k")
# A rule glued to a word is decoration, not a bullet: "——Mai Xuân Thanh".
RULE_GLUED = re.compile(r"^[-—–]{2,}\w")
# What follows an entry's last ";", "." or ")": "- Như trên; h" → " h", "TTKT. ,„_ ồ".
ENTRY_TAIL = re.compile(r"[;.)](?P<tail>[^;.)]*)$")
# Bullets and dots opening an entry: "- ", "+ ", "~ ", "• ".
ENTRY_BULLET = re.compile(r"^[\s\-+–—•.~]*")
# An OCR'd stamp or scribble: a token with a glyph no name uses ("Tổng cục Thuế jc ` &- Hài").
DEBRIS_TOKEN = re.compile(r"\s\S*[`^\\{}\[\]<>@#$%=§€£©®]")
# A clean word after debris, showing the debris was a lone glyph: "KCN", "Nam-", "Singapore".
CLEAN_WORD = re.compile(r"[^\W\d_]+[-,.;:]?|-")
# A token of glyphs only, dropped from a name: "\\", "`", "§".
GLYPHS_ONLY = re.compile(r"[`^\\{}\[\]<>@#$%=§€£©®~|]+")
# The letters a debris token starts with, kept: "TTKT£" → "TTKT".
TOKEN_LETTERS = re.compile(r"\s[^\W\d_]{2,}")
# Punctuation and spaces ending an entry: "Như trên;", "Lưu: VT.".
ENTRY_TRAILING = re.compile(r"[\s,;.:]+$")
# A bracketed tail: "(để báo cáo);", "(b/c)", "(Bộ YT)", "(Thi).", an unclosed "(để".
BRACKET_TAIL = re.compile(r"\(([^()]*)\)?\s*[,;.]*\s*$")
# The signature column merged onto a distribution line: "- Như trên; PHÓ TỔNG CỤC TRƯỞNG",
# "- Chủ tịch nước (dé báo cáo); + THỦ U TƯỜNG" (case is checked apart).
RIGHT_CAPS = re.compile(
    r"(?<=[;,.])\s+(?P<plus>\+\s*)?"
    r"(?P<caps>[^\W\d_][^\W\d_ .,/]*(?:[ .,/]+[^\W\d_][^\W\d_ .,/]*)*)$"
)
# Where OCR debris may hide the signature column after a separator: "- Như trên; ~- PHO CHỦ
# NHIỆM", "- Như trên, : „PHÓ TONG CỤC TRƯỞ", "- Như trên; 7 KT. CUC TRUONG CỤC".
COLUMN_SEPARATOR = re.compile(r"[;,:]")
# The signer's name merged onto a distribution line from the right-hand column, after the
# entry's last mark or a column gap: "- Lưu: VT, PC (2b). Trần Quang Huy", "- Lưu: VT.      Lê
# Văn Bình" (the name itself is checked by find_signature.is_person_name).
RIGHT_COLUMN_NAME = re.compile(
    r"(?:[.;][ \t]+|[ \t]{2,})(?P<name>[^\W\d_][^\d;.,:()/]{3,40}?)[ \t]*$"
)
LEADING_DEBRIS = re.compile(r"^[\W\d_]*")
# Words of a signature block (folded): "TRƯỞNG", "CHỦ NHIỆM", "KT.", "(Đã ký)".
SIGNATURE_WORD_F = re.compile(
    r"\b(?:truong|tru|chu nhiem|bi thu|chu tich|giam doc|kt|tm|tl|da ky)\b"
)
# A drafter's tag on the "Lưu" line: "(Thi)", "(ntnphuong-6,16)"; not a count: "(2b)".
DRAFTER_TAG = re.compile(r"[^\W\d_][\w\-,]*")
COUNT_TAG = re.compile(r"\d+[a-z]?")
# A purpose after a comma, once the "|" was cleaned away: "VPTU, để báo cáo".
COMMA_PURPOSE = re.compile(r",\s+(?P<p>(?:để|đề)\s[^,]*)$")
# The kind of an authority with spaces inside: "T /M" → "T/M".
INNER_SPACE = re.compile(r"\s")
# A token: "PHÓ", "BÍ", "THƯ".
TOKEN = re.compile(r"\S+")
# The upper-case run ending a signature line: "- Như trên; PHÓ TỔNG CỤC TRƯỞNG" → "PHÓ …".
LINE_CAPS_TAIL = re.compile(r"(?:^|[;,.]\s+|\s{2,})(?P<caps>[^\s\-+;,][^;,]*)$")
# Entries flattened onto one line by a web page: "Kính gửi: - Sở Tài chính; - Sở Nội vụ; - …"
# (a bullet after an entry's ";" or ","; "Lao động - Thương binh" has none before its dash).
FLAT_ENTRY_SPLIT = re.compile(r"(?<=[;,])[ \t]+(?=[-+–•][ \t]+\S)")
# A body sentence where a recipient was expected (the list itself lost by the page): two
# sentences on one line, "… năm 2018. Theo đó, …".
BODY_SENTENCES = re.compile(rf"[.!?][ \t]+[{VI_UPPER}A-Z][^ \t]*[ \t]")
# A complete "Lưu" entry, the usual last line of a distribution list: "- Lưu: VT", "- Lưu VT, TH".
KEEP_ENTRY_F = re.compile(r"[-+–—•~.\s]*luu\b")

# --- tasks ---------------------------------------------------------------------------------
# (owned by outline.py / actors.py / find_tasks.py; *_F patterns run on folded text)

# An item label at a line start: "1- ", "1. ", "1.2. ", "8.1 ", "II. ", "a) ", "đ) ", "(i) ",
# a decision's article "Điều 3. ", and bullets "- ", "+ ", "– ", "~ " (OCR'd dash). Printed
# text, not folded.
TASK_LABEL = re.compile(
    r"(?P<label>(?P<article>(?:Điều|ĐIỀU)[ \t]+\d{1,3}[.:])"
    r"|(?P<roman>[IVX]{1,4}\.)|(?P<sub>\d{1,2}(?:\.\d{1,2})+\.?)|(?P<num>\d{1,2}[.)-])"
    r"|(?P<letter>[a-zđ]\))|(?P<paren>\([ivx]{1,4}\))|(?P<dash>[-–~])|(?P<plus>\+))(?=[ \t]+\S)"
)
# A line that ends a sentence or a list entry, so the next may open an item: "… hiệu quả.",
# "… như sau:", "…;".
TASK_LINE_END = re.compile(r"[.;:!?,]['\")”]*[ \t]*$|/\.?$")
# A paragraph that stops on a word that cannot end a sentence, so a page break cut it:
# "6. Bộ trưởng, Thủ trưởng cơ quan thuộc" / "Chính phủ, Chủ tịch …".
TASK_DANGLING_F = re.compile(
    r"(?<![a-z])(?:thuoc|cua|va|cac|ve|voi|tai|cho|trong|nhung|theo|den|tu|duoc|la|de|hoac"
    r"|tren|truc thuoc|nhat la|gom|ngay|so)[ \t]*$"
)
# A line that ends a paragraph's sentence: "… thực hiện./.", "… như sau:",
# "… giải quyết kịp thời./".
TASK_PARAGRAPH_END = re.compile(r"(?:[.;:!?]['\")”]*|/\.?)[ \t]*$")
# An intro clause before a sentence's subject, cut at its comma: "Trong quá trình thực hiện,",
# "căn cứ vào tình hình thực tiễn,", "Nếu có vướng mắc,", "Bên cạnh việc …, Tổng cục Thuế …",
# "Kiến nghị 2: Tổng cục Hải quan có hướng dẫn …".
TASK_INTRO_F = re.compile(
    r"(?:trong|can cu|tren co so|doi voi|truong hop|khi|neu|de(?![ \n]+nghi)|sau khi|ben canh"
    r"|dong thoi|qua do|ngoai ra|tai|theo|hien nay|rieng|tu|nham|thoi gian qua|truoc|ngay"
    r"|thuc hien|trien khai|ve|do do|do vay|vi the|vi vay|boi vay|tiep theo|tiep tuc|hang nam"
    r"|hang quy|hang thang|dinh ky)(?![a-z])(?:[^,:;]|(?<=\d),(?=\d)){0,300}?,[ \n]*"
    r"|tai cap[^,:;\n]{0,60}:[ \n]*|(?:kien nghi|de xuat)[ \n]*\d{0,2}[ \n]*:[ \n]*"
)
# A request naming who must act, after an optional requester: "Giao Ủy ban nhân dân huyện …",
# "Ủy ban nhân dân tỉnh kêu gọi Quý đơn vị tài trợ …",
# "Đề nghị các đơn vị …", "Tổng cục Thuế đề nghị Cục Thuế …", "Téng cục Thuế dé nghị …",
# "Thủ tướng Chính phủ yêu cầu:", "Chi cục … kính đề nghị Quý Doanh nghiệp …".
TASK_REQUEST_F = re.compile(
    r"(?:[^,;:.]{0,90}?[ \n])??(?:kinh[ \n]+)?"
    r"(?P<verb>de[ \n]*nghi|yeu[ \n]+cau|giao(?:[ \n]+cho)?|keu[ \n]+goi)(?![a-z])[ \n]*"
)
# Every TASK_REQUEST_F match holds one of these, in its verb ("đề nghị", "yêu cầu", "giao"):
# a sentence without them is not tried (the pattern tests its verbs after every character).
TASK_REQUEST_NEEDS_F = ("nghi", "yeu", "giao", "goi")
# A lead-in that guides someone to act, taken only when nothing else names an actor:
# "…, Tổng cục Hải quan tạm thời hướng dẫn Cục Hải quan các tỉnh, thành phố thực hiện … như sau:".
TASK_GUIDE_F = re.compile(r"(?<![a-z])huong[ \n]+dan[ \n]+(?=[a-z])")
# "… thông báo để Cục Thuế tổ chức tuyên truyền …": the instruction follows "để".
TASK_NOTICE_F = re.compile(
    r"[^,;:.]{0,90}?[ \n](?:thong bao|tra loi|huong dan)[ \n]+(?:de|dé)[ \n]+"
)
# Every TASK_NOTICE_F match holds one of these ("… thông báo để …").
TASK_NOTICE_NEEDS_F = ("thong bao", "tra loi", "huong dan")
# Words that open an actor: organisations, offices and the people who head them, with an
# optional quantifier: "Các cấp ủy", "Ban Tuyên giáo", "UBND huyện", "Quý Ủy ban",
# "Đồng chí Bí thư", "người đứng đầu cấp ủy", "Cơ quan Thuế các cấp", "Phó Thủ tướng …",
# "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở …" (a decision's closing article),
# "Các tổ chức cơ sở đảng" (a firm's "tổ chức" is no head: "Tổ chức, cá nhân nộp thuế …";
# nor is a code's "Bộ luật": "Bộ Luật dân sự năm 2005 quy định …").
TASK_ACTOR_HEAD_F = re.compile(
    r"(?:(?:tat ca[ \n]+cac|cac|nhung|toan the|tat ca|quy|moi)[ \n]+)?"
    r"(?P<head>cap uy|chinh quyen|ban(?![ \n]+(?:hanh|sao|chup|dang ky|goc|chinh))"
    r"|bo(?![ \n]+luat)|so|phong"
    r"|cuc|chi cuc|tong cuc|vu|van phong|uy ban|ubnd"
    r"|hdnd|ubmttq|mttq|mat tran|hoi dong|hoi|trung tam|doan|dang uy|dang bo|dang doan"
    r"|ban can su|chi bo|thanh uy|tinh uy|huyen uy|quan uy|thi uy|thuong truc|lien doan"
    r"|tong lien doan|cong an|quan doi|luc luong|bao hiem|bhxh|kho bac|ngan hang|thanh tra"
    r"|toa an|vien|dai(?! voi)|truong(?![ \n]+hop)|benh vien|cong ty|doanh nghiep|nguoi nop thue"
    r"|tong cong ty"
    r"|nganh|dia phuong|co quan|don vi|dong chi|bi thu|pho bi thu|chu tich"
    r"|pho chu tich|thu truong|giam doc|nguoi dung dau|lanh dao|thu tuong|pho thu tuong"
    r"|chanh van phong|chanh thanh tra"
    r"|bo truong|cuc truong|chi cuc truong|tong cuc truong|hai quan|co quan thue|ubkt"
    r"|cac cap|cac ban|cac nganh|tcdn|tccs|chi[ \n]*,[ \n]*dang bo|huyen doan|tinh doan"
    r"|thanh doan|can bo|dang vien|cong chuc|doan vien|hoi vien"
    r"|to[ \n]+chuc(?=[ \n]+(?:co[ \n]+so[ \n]+dang|dang|chinh[ \n]+tri|doan[ \n]+the)(?![a-z])))"
    r"(?![a-z])"
)
# An actor opening with a plural quantifier: "Các chi bộ …", "Những đơn vị …", "Toàn thể …".
TASK_PLURAL_F = re.compile(r"(?:tat ca[ \n]+cac|cac|nhung|toan the|tat ca)[ \n]+")
# A word that ends an actor and starts what it must do (lower case in print): "… chủ trì",
# "… chỉ đạo", "… tiếp tục", "… cần", "… phải", "… theo chức năng" (a qualifier, not a name).
_TASK_VERBS = (
    "to chuc(?! (?:dai dien|chinh tri|co so|doan|xa hoi|dang|hoi|quoc te|tin dung|kinh te"
    "|co (?:chuc nang|lien quan|tham quyen|nhiem vu)))",
    "chu tri",
    "chi dao",
    "tiep tuc",
    "tap trung",
    "khan truong",
    "chu dong",
    "phoi hop",
    "thuc hien",
    "trien khai",
    "xay dung",
    "chuan bi",
    "chuyen",
    "kich hoat",
    "giup",
    "tham muu",
    "can",
    "phai",
    "co trach nhiem",
    "nghien cuu",
    "huong dan",
    "theo doi",
    "bao cao",
    "ra soat",
    "tang cuong",
    "day manh",
    "tuyet doi",
    "nam",
    "ban hanh",
    "bo tri",
    "don doc",
    "kiem tra",
    "quan triet",
    "tuyen truyen",
    "nang cao",
    "som",
    "chiu trach nhiem",
    "se",
    "dam bao",
    "bao dam",
    "thuong xuyen",
    "kip thoi",
    "nghiem tuc",
    "lanh dao",
    "quan tam",
    "cap nhat",
    "gui",
    "cung cap",
    "phan anh",
    "lien he",
    "thong bao",
    "ap dung",
    "xem xet",
    "co y kien",
    "de xuat",
    "tong hop",
    "chan chinh",
    "theo",
    "truc tiep",
    "khan cap",
    "lap",
    "rut kinh nghiem",
    "chu y",
    "co",
    "la",
    "duoc",
    "chua",
    "da",
    "dang",
    "khong",
    "tien hanh",
    "xu ly",
    "van dong",
    "tich cuc",
    "quyet liet",
    "dong thoi",
    "can cu",
    "chiu",
    "nghiem",
    "uu tien",
    "tao dieu kien",
    "giam sat",
    "dieu chinh",
    "sap xep",
    "rut",
    "nop",
    "ke khai",
    "gap",
    "tham gia",
    "trinh",
    "xac dinh",
    "danh gia",
    "tiep nhan",
    "cu",
    "hoan thanh",
    "nhan",
    "nhan duoc",
    "nhan thay",
    "biet",
    "chu trong",
    "xin",
    "khi",
    "neu",
    "thi",
    "tra loi",
    "kinh gui",
    "ra",
    "dinh ky",
    "tiep tuc thuc hien",
    "khai",
    "trao doi",
    "chia se",
    "thong nhat",
    "pho bien",
    "ho tro",
    "nam bat",
    "thu thap",
    "phan tich",
    "phan cong",
    "bo sung",
    "huy dong",
    "doi chieu",
    "xac minh",
    "phat hien",
    "giai quyet",
    "thuc thi",
    "nhac nho",
    "yeu cau",
    "de nghi",
    "thu hoi",
    "cong khai",
    "luu y",
    "tang",
    "giam",
    "tim hieu",
    "van hanh",
    "dua",
    "thiet lap",
    "ket noi",
    "cai dat",
    "tra cuu",
    "khao sat",
    "lua chon",
    "su dung",
    "tu",
    "sau",
    "tiep thu",
    "kien quyet",
    "dung",
    "tam dung",
    "ngung",
    "dinh chi",
    "kiem soat",
    "ung pho",
    "truy vet",
    "bo tri",
    "cu",
    "dieu tra",
    # verbs whose words also go on names ("thành phố", "phát triển", "cấp ủy", "trực thuộc"),
    # so an actor ran past them: "Ủy ban nhân dân huyện thành lập đoàn kiểm tra …",
    # "Ủy ban Mặt trận Tổ quốc huyện phát động phong trào …", "… cấp phát kinh phí …",
    # "Các cơ quan, đơn vị trực ban 24/24 giờ …", "Ủy ban nhân dân các xã sơ tán dân …"
    "thanh lap",
    "phat dong",
    "cap phat",
    "truc ban",
    "so tan",
    "khac phuc",
    "kien toan",
    "huong ung",
    "tap huan",
    "bam sat",
    "tuan tra",
    "chi tra",
    "ky ket",
    "san sang",
    "treo",
    # verbs of plans and letters asking for support: "Giao Sở Tài chính thẩm định …",
    # "… kêu gọi Quý đơn vị tài trợ kinh phí …", "… cân đối nguồn vốn …", "… sơ kết, tổng kết …"
    "tham dinh",
    "tai tro",
    "can doi",
    "so ket",
    "tong ket",
    "nghiem thu",
    "dieu phoi",
)
# A word that ends an actor and starts what it must do (lower case in print): "… chủ trì",
# "… chỉ đạo", "… tiếp tục", "… cần", "… phải", "… theo chức năng" (a qualifier, not a name).
# Longest first, so that "căn cứ" is not read as "cần".
TASK_VERB_F = re.compile(
    "(?:"
    # longest first, as a trie: a match tests each letter once, not once per verb (158 of them)
    + _word_trie(None, sorted(_TASK_VERBS, key=len, reverse=True)).replace(" ", r"[ \n]+")
    + ")(?![a-z])"
)
# What a speaker, not an addressee, does: "Tổng cục Thuế thông báo …", "Cục Thuế TP trả lời …",
# "Bộ Ngoại giao xin trân trọng …", "… có ý kiến như sau".
TASK_SPEAKER_F = re.compile(
    r"(?:thong[ \n]+bao|tra[ \n]+loi|xin|kinh[ \n]+gui|co[ \n]+y[ \n]+kien|nhan[ \n]+duoc)"
    r"(?![a-z])"
)
# Subjects that are taxpayers or firms written about, not addressed: "Doanh nghiệp thay đổi
# người đại diện …", "Công ty khai số thuế …" — actors only when asked ("đề nghị Công ty").
# Party and mass organisations are addressed: "Các tổ chức cơ sở đảng xây dựng kế hoạch",
# "các tổ chức chính trị - xã hội", "tổ chức đảng", "tổ chức đoàn thể".
TASK_THIRD_PARTY_F = re.compile(
    r"(?:doanh[ \n]+nghiep|cong[ \n]+ty|nguoi[ \n]+nop[ \n]+thue|ca[ \n]+nhan"
    r"|to[ \n]+chuc(?![ \n]+(?:co[ \n]+so[ \n]+dang|dang|chinh[ \n]+tri|doan)(?![a-z])))"
    r"(?![a-z])"
)
# After the actor: a report, not an instruction ("Nhiều Cục Thuế chưa nghiêm túc báo cáo",
# "Ngành công nghiệp ô tô có vai trò …", "… là …",
# "Tổng cục Thuế sẽ định kỳ tổng hợp", "… đã ban hành").
TASK_DESCRIPTIVE_F = re.compile(
    r"(?:chua|da|dang|se|van|la|co[ \n]+vai[ \n]+tro|nhan[ \n]+duoc|khong[ \n]+phai"
    r"|co[ \n]+(?:cong[ \n]+van|van[ \n]+ban|to[ \n]+trinh|bao[ \n]+cao|y[ \n]+kien))(?![a-z])"
)
# A request later in a sentence, after its intro clauses, with or without who asks: "Nếu phát
# sinh vướng mắc, khó khăn trong quá trình thực hiện, đề nghị Cục Thuế báo cáo …", "Để kịp thời
# phát hiện, ngăn chặn …, Tổng cục Thuế đề nghị Cơ quan Thuế các cấp …".
TASK_LATE_REQUEST_F = re.compile(
    r",[ \n]*(?P<who>[^,;:.]{0,90}?[ \n])??(?:de[ \n]*nghi|yeu[ \n]+cau)(?![a-z])[ \n]*"
)
# Every TASK_LATE_REQUEST_F match holds one of these (", đề nghị", ", yêu cầu").
TASK_LATE_REQUEST_NEEDS_F = ("nghi", "yeu")
# A paragraph that closes the letter even when items follow (an appendix): "Tổng cục Thuế
# thông báo để các Cục Thuế biết …", "Trên đây là hướng dẫn …", "Nhận được công văn này, …".
TASK_CLOSING_OPEN_F = re.compile(
    r"(?:tren day la|nhan duoc cong van nay|[^,.;:\n]{0,60}(?:thong bao|tra loi)[ \n]+de)(?![a-z])"
)
# A sentence that opens with a date reports an event: "Ngày 31/8/2020, Bộ Y tế ban hành …".
TASK_DATED_F = re.compile(r"ngay[ \n]*\d{1,2}[ \n]*[/.-]")
# A past tense before a request: "Tổng cục Thuế đã chỉ đạo … đồng thời yêu cầu Cục Thuế …".
TASK_PAST_F = re.compile(r"(?<![a-z])(?:da|tung|truoc day)[ \n]")
# A stock closing: "… để các Cục Thuế biết và triển khai thực hiện", "để Công ty được biết".
TASK_FORMULA_F = re.compile(r"(?:duoc[ \n]+)?biet(?![a-z])")
# A speaker's lead-in to the sub-items under it (folded, from the verb): "2. Để hoàn thành kế
# hoạch, Chủ tịch UBND tỉnh yêu cầu:" then "a) Các sở, ban, ngành …", "b) Giao Sở …".
TASK_LEAD_IN_END_F = re.compile(
    r"(?:de[ \n]*nghi|yeu[ \n]+cau|giao|chi[ \n]+dao|ket[ \n]+luan)(?:[ \n]+nhu[ \n]+sau)?"
    r"[ \n]*:[ \n]*$"
)
# A courtesy in a reply: "nếu có vướng mắc, đề nghị Công ty liên hệ với …", "đơn vị có thể
# tham khảo …".
TASK_COURTESY_F = re.compile(r"(?:lien[ \n]+he|co[ \n]+the)(?![a-z])")
# A quantifier that makes the subject a report, not an addressee: "Nhiều Cục Thuế chưa …".
TASK_REPORT_SUBJECT_F = re.compile(r"(?:nhieu|mot so|hau het|phan lon|da so)(?![a-z])")
# A lead-in's end before a colon (folded): "… có ý kiến như sau:", "… cụ thể:" — a colon that
# ends no actor's name ("Phòng Kinh tế và Hạ tầng:" does).
TASK_COLON_LEAD_F = re.compile(r"(?<![a-z])(?:nhu sau|sau day|cu the|nhu|sau)[ \n]*$")
# Where a sentence ends inside a paragraph: ". " before a capital, "; " is not an end.
TASK_SENTENCE_END = re.compile(rf"[.!?](?=[ \n]+[A-Z{VI_UPPER}\"“(])|:[ \n]*$|:(?=[ \n]+[-+]|\n)")
# A deadline inside a task (folded): "… trước ngày 29/4/2023", "chậm nhất ngày 10/01/2024",
# "trước ngày 10 tháng 01 năm 2024".
TASK_DEADLINE_F = re.compile(
    r"(?:" + _word_start("[a-z]", "truoc|cham nhat(?: la)?|han chot|han cuoi") + ")"
    r"[ \n]+(?:la[ \n]+)?ngay[ \n]*"
    r"(?:(?P<d1>\d{1,2})[ \n]*[/.-][ \n]*(?P<m1>\d{1,2})[ \n]*[/.-][ \n]*"
    r"(?P<y1>(?:19|20)\d\d)(?!\d)"
    r"|(?P<d2>\d{1,2})[ \n]+thang[ \n]+(?P<m2>\d{1,2})[ \n]+nam[ \n]+(?P<y2>(?:19|20)\d\d)(?!\d))"
)
# Every TASK_DEADLINE_F match holds this word ("trước ngày"): a task without it is not scanned.
TASK_DEADLINE_NEEDS_F = "ngay"
# A relative clause inside an actor, not its verb: "Tất cả các cơ quan, tổ chức có chức năng
# thanh tra, kiểm tra đối với doanh nghiệp phải …", "các đơn vị có liên quan chủ động …".
TASK_RELATIVE_F = re.compile(
    r"co[ \n]+(?:chuc[ \n]+nang|nhiem[ \n]+vu|tham[ \n]+quyen|lien[ \n]+quan)(?![a-z])"
)
# What ends an actor after such a clause, whose own verbs ("thanh tra, kiểm tra") describe it:
# "… phải quán triệt", "… có trách nhiệm …", "… chủ động …".
TASK_MODAL_F = re.compile(
    r"(?:phai|can|co[ \n]+trach[ \n]+nhiem|chiu[ \n]+trach[ \n]+nhiem|chu[ \n]+dong|khan"
    r"[ \n]+truong|tiep[ \n]+tuc|nghiem[ \n]+tuc|tap[ \n]+trung|chu[ \n]+tri)(?![a-z])"
)
# An appositive after a requested actor, naming its role: "Giao UBND thành phố, cơ quan thường
# trực Ban Chỉ đạo …, chủ trì …" — the actor is the body before it.
TASK_APPOSITIVE_F = re.compile(
    r",[ \n]*(?:la[ \n]+)?(?:co[ \n]+quan|don[ \n]+vi)[ \n]+(?:thuong[ \n]+truc|dau[ \n]+moi"
    r"|tham[ \n]+muu|giup[ \n]+viec)(?![a-z])"
)
# A steering committee's name goes on past its own verb when a capital follows: "Ban Chỉ đạo
# xây dựng Đề án …", "BCĐ thực hiện Chương trình …" (not "Ban Chỉ đạo xây dựng kế hoạch").
TASK_COMMITTEE_VERB_F = re.compile(r"(?:xay[ \n]+dung|thuc[ \n]+hien|trien[ \n]+khai|to[ \n]+chuc)")
# A sentence that announces a document, not an instruction: "Ủy ban nhân dân tỉnh ban hành Kế
# hoạch … như sau:", "Ban biên tập giới thiệu toàn văn Nghị quyết số …" (a portal's lead).
TASK_ANNOUNCES_F = re.compile(
    r"(?:ban[ \n]+hanh|gioi[ \n]+thieu(?:[ \n]+toan[ \n]+van)?)[ \n]+(?=[a-z])"
)
# The request inside a lead-in that assigns the list below it: "…, Ủy ban nhân dân Thành phố
# giao Văn phòng Ban Chỉ đạo:" then dashes with no actor (folded; "giao" checked as printed).
TASK_LEAD_REQUEST_F = re.compile(
    r"(?<![a-z])(?P<verb>giao(?:[ \n]+cho)?|de[ \n]*nghi|yeu[ \n]+cau|keu[ \n]+goi)[ \n]+"
)
# Where a document cut short ends (folded, at the text's end): no sentence or list mark, so the
# last sentence is unfinished ("… nhằm đảm bảo tra", "- Lư"); "./.", ";", ":" and ")" close.
CUT_END = re.compile(r"[^.;:!?/)\]\"”'’…\s][ \t\n]*$")
# The column of a task table that names who acts (folded header cell): "| STT | Nội dung | Cơ
# quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |", "Đơn vị thực hiện", "Chủ trì".
TASK_TABLE_ACTOR_HEAD_F = re.compile(
    r"(?:(?:co[ \n]+quan|don[ \n]+vi)(?:[ \n]*,[ \n]*(?:co[ \n]+quan|don[ \n]+vi))?[ \n]+)?"
    r"(?:chu[ \n]+tri(?:[ \n]+thuc[ \n]+hien)?|thuc[ \n]+hien|trach[ \n]+nhiem(?:[ \n]+thuc"
    r"[ \n]+hien)?)$"
)
# The column that says what must be done: "Nội dung", "Nội dung công việc", "Nhiệm vụ".
TASK_TABLE_WHAT_HEAD_F = re.compile(
    r"(?:noi[ \n]+dung|nhiem[ \n]+vu|cong[ \n]+viec|ten[ \n]+nhiem[ \n]+vu)(?![a-z])"
)
# A deadline cell: "30/6/2024", "Trước ngày 15/12/2024".
TASK_TABLE_DATE_F = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?!\d)")
# A hyphen OCR put between two words of a name (folded): "cuc-thue tp ha noi" ("Cục-Thuế").
GLUED_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")

# --- duties and deadlines (owned by extract/find_duties.py) ----------------------------------

# A date a duty must be met by (folded): "báo cáo … trước ngày 30/6/2021", "chậm nhất vào
# ngày 10 tháng 01 năm 2024", "hoàn thành trước ngày 15/12 hằng năm", "gửi về Sở trước ngày
# 15 hằng tháng", "(báo cáo trước 15/10/2024)" (a full date needs no "ngày"). A day and month
# with "hằng năm", or a day with "hằng tháng", is a repeat.
DUTY_BY_DAY_F = re.compile(
    r"(?:" + _word_start("[a-z]", "truoc|cham nhat(?: la| vao)?|han chot|han cuoi|xong truoc") + ")"
    r"[ \n]+(?:la[ \n]+|vao[ \n]+)?"
    r"(?:(?:ngay[ \n]*(?:mung[ \n]+)?)?"
    r"(?P<d1>\d{1,2})[ \n]*[/.-][ \n]*(?P<m1>\d{1,2})[ \n]*[/.-][ \n]*(?P<y1>(?:19|20)\d\d)(?!\d)"
    r"|ngay[ \n]*(?:mung[ \n]+)?"
    r"(?:(?P<d2>\d{1,2})[ \n]+thang[ \n]+(?P<m2>\d{1,2})[ \n]+nam[ \n]+(?P<y2>(?:19|20)\d\d)(?!\d)"
    r"|(?P<d3>\d{1,2})(?:[ \n]*/[ \n]*|[ \n]+thang[ \n]+)(?P<m3>\d{1,2})[ \n]+"
    r"(?:hang|moi)[ \n]+nam(?![a-z])"
    r"|(?P<d4>\d{1,2})[ \n]+(?:cua[ \n]+)?(?:hang|moi)[ \n]+thang(?![a-z])))"
)
# A period after a start (folded): "trong 15 ngày kể từ ngày ký", "trong thời hạn 03 ngày làm
# việc kể từ ngày nhận được Công văn này", "trong vòng 2 tháng kể từ ngày 01/7/2021".
DUTY_WITHIN_F = re.compile(
    r"(?<![a-z])trong(?:[ \n]+(?:vong|thoi[ \n]+han|thoi[ \n]+gian))?[ \n]+(?P<n>\d{1,3})[ \n]+"
    r"(?P<unit>ngay|tuan|thang)(?:[ \n]+lam[ \n]+viec)?[ \n]*,?[ \n]*ke[ \n]+tu[ \n]+"
    r"(?:ngay[ \n]*)?(?:(?P<sign>ky|ban[ \n]+hanh)(?![a-z])"
    r"|(?P<receipt>nhan[ \n]+duoc)(?![a-z])"
    r"|(?P<d>\d{1,2})[ \n]*[/.-][ \n]*(?P<m>\d{1,2})[ \n]*[/.-][ \n]*(?P<y>(?:19|20)\d\d)(?!\d))"
)
# A repeat (folded): "định kỳ hằng tháng", "hàng quý", "định kỳ 6 tháng", "hằng tuần".
DUTY_EVERY_F = re.compile(
    r"(?:(?<![a-z])dinh[ \n]+ky[ \n]+(?:theo[ \n]+)?(?:(?:hang|moi)[ \n]+)?"
    r"|(?<![a-z])(?:hang|moi)[ \n]+)(?P<unit>tuan|thang|quy|nam|6[ \n]+thang|sau[ \n]+thang)"
    r"(?![a-z])"
)
# The periods a report is named by, after the verb (folded): "báo cáo quý, 6 tháng, năm",
# "báo cáo định kỳ 6 tháng và năm", "báo cáo sơ kết 6 tháng".
DUTY_REPORT_PERIODS_F = re.compile(
    r"[ \n]+(?:(?:dinh[ \n]+ky|so[ \n]+ket|tong[ \n]+ket)[ \n]+)?"
    r"(?P<units>(?:quy|6[ \n]+thang|nam|thang)(?![a-z])"
    r"(?:[ \n]*(?:,|va)[ \n]*(?:quy|6[ \n]+thang|nam|thang)(?![a-z]))*)"
)
# One period of DUTY_REPORT_PERIODS_F's list: "quý", "6 tháng", "năm".
DUTY_PERIOD_UNIT_F = re.compile(r"quy|6[ \n]+thang|nam|thang")
# The verb of a reporting duty (folded): "báo cáo Ban Thường vụ Huyện ủy kết quả …",
# "tổng hợp, báo cáo UBND tỉnh", "Báo cáo kết quả về Sở Nội vụ".
DUTY_REPORT_VERB_F = re.compile(r"b(?<![a-z]b)ao[ \n]+cao(?![a-z])")
# A word before the verb that makes "báo cáo" a noun or a past report, not a duty (folded):
# "theo báo cáo của", "tại báo cáo", "các báo cáo", "Xét báo cáo", "việc báo cáo", "nghe … báo cáo",
# "chế độ báo cáo" is kept (it asks for reports), "đã báo cáo", "chưa nghiêm túc báo cáo".
DUTY_REPORT_NOUN_BEFORE_F = re.compile(
    r"(?<![a-z])(?:theo|tai|cac|nhung|xet|nghe|mau|bieu|da|chua|dang|thoi[ \n]+gian|"
    r"ket[ \n]+qua|trong|qua|qua[ \n]+trinh|giai[ \n]+doan|ky|de|viec)[ \n]*$"
)
# What after the verb makes it a noun (folded): "Báo cáo số 12-BC/HU", "báo cáo của Cục Thuế".
DUTY_REPORT_NOUN_AFTER_F = re.compile(r"[ \n]+(?:so|cua|la|nay)(?![a-z])")
# A request before a report outside a task (folded): "đề nghị các đơn vị báo cáo …".
DUTY_REQUEST_F = re.compile(r"(?<![a-z])(?:de[ \n]*nghi|yeu[ \n]+cau|giao)(?![a-z])")
# The word before the body a report goes to (folded): "báo cáo kết quả về Ban Thường vụ Tỉnh
# ủy", "báo cáo kết quả với Ban Thường vụ Huyện ủy", "gửi về Sở Y tế", "lên cấp trên".
DUTY_TARGET_MARK_F = re.compile(
    r"(?<![a-z])(?:gui[ \n]+(?:ve[ \n]+)?|ve[ \n]+|voi[ \n]+|len[ \n]+|cho[ \n]+)(?=\S)"
)
# The office a report goes through (folded): "(qua Văn phòng Tỉnh ủy)", ", qua Sở Nội vụ,".
DUTY_VIA_F = re.compile(r"(?:[(,][ \n]*(?:thong[ \n]+)?|(?<![a-z])thong[ \n]+)qua[ \n]+(?=\S)")
# Where a duty's clause ends: ";", a sentence end before a capital, a line that opens an item.
DUTY_CLAUSE_END = re.compile(rf";|[.!?](?=[ \n]+[A-Z{VI_UPPER}\"“(]|[ \n]*$)|\n(?=[ \t]*[-+•])")
# What the report is about (folded, where it starts): "kết quả thực hiện Công văn này", "tình
# hình triển khai", "việc thực hiện", "về tình hình dịch".
DUTY_SUBJECT_START_F = re.compile(
    r"(?<![a-z])(?:ve[ \n]+)?(?:ket[ \n]+qua|tinh[ \n]+hinh|viec|tien[ \n]+do|nhung|cac|"
    r"danh[ \n]+sach|so[ \n]+lieu|kho[ \n]+khan|de[ \n]+xuat)(?![a-z])"
)
# Lower-case words that go on the name of a body a report goes to (as printed): "Ban Thường vụ
# Huyện ủy", "Ủy ban nhân dân huyện", "UBND tỉnh", "cấp ủy cấp trên", "Bộ Lao động - Thương binh
# và Xã hội".
DUTY_TARGET_WORDS = frozenset(
    """
    ủy uỷ ban nhân dân huyện tỉnh thành phố xã thị trấn quận phường thường vụ trực tổ quốc
    việt nam hội đồng mặt trận cấp trên đảng bộ y tế tài chính nội kế hoạch đầu tư giáo dục
    đào tạo lao động thương binh xã hội tư pháp công an quân sự văn phòng chỉ đạo có thẩm quyền
    trung ương chính phủ thủ tướng
    """.split()
)
# An office named after the body it serves (folded): "Văn phòng Tỉnh ủy", "Văn phòng UBND tỉnh".
DUTY_OFFICE_F = re.compile(r"van[ \n]+phong[ \n]+(?=\S)")
# A report asked for only if something goes wrong (folded): "Trường hợp phát sinh vướng mắc, đề
# nghị các Cục Thuế báo cáo Tổng cục", "Đối với những vướng mắc không thuộc thẩm quyền thì kịp
# thời báo cáo cấp có thẩm quyền", "Nếu có khó khăn, vướng mắc, báo cáo về Sở Tài chính" —
# a reply's courtesy, like "nếu có vướng mắc, đề nghị Công ty liên hệ", not a duty.
DUTY_CONDITIONAL_F = re.compile(
    r"(?<![a-z])(?:neu|truong[ \n]+hop|trong[ \n]+qua[ \n]+trinh|doi[ \n]+voi)(?![a-z])[^;.]{0,80}?"
    r"(?<![a-z])(?:vuong[ \n]+mac|kho[ \n]+khan)(?![a-z])"
)
# Where what a report is about ends (folded): "kết quả thực hiện, gửi về …", "… (qua …",
# "… theo mẫu", "… trước ngày".
DUTY_SUBJECT_END_F = re.compile(
    r"[,;(]|(?<![a-z])(?:theo|gui|truoc|dam[ \n]+bao|nham|cham[ \n]+nhat)(?![a-z])"
)
# The first word of a body a report goes to (folded): "Ban …", "Sở …", "Tổng cục …", "UBND …",
# "Thường trực …", "Lãnh đạo …", "cấp trên"; not "Công văn", "Hàng năm".
DUTY_TARGET_HEAD_F = re.compile(
    r"(?:ban|so|bo|cuc|tong|chi|uy|ubnd|hdnd|van|thuong|hoi|mat|lanh|cap|phong|vu|thu|chinh|"
    r"tinh|huyen|thanh|dang|doan|trung|quoc|bhxh|ngan|kho|toa|vien|bch|btv|tt|ttg|mttq)"
    r"(?![a-z])"
)
