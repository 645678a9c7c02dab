"""Who an instruction tells to act: the actor named at the start of a sentence.

An actor is a noun phrase that opens with an organisation, office or head of one
(``Ban Tuyên giáo Huyện ủy``, ``Các địa phương``, ``UBND huyện``, ``Quý Doanh
nghiệp``, ``Đồng chí Bí thư các cấp uỷ``) and runs, commas and ``và`` included,
up to the first lower-case word of what it must do (``chủ trì``, ``chỉ đạo``,
``tiếp tục``, ``cần``, ``phải``, ``theo chức năng``).  It stands

* after a request: ``Giao X …``, ``Đề nghị X …``, ``Tổng cục Thuế đề nghị X …``;
* after ``thông báo để X …`` (but ``để X biết`` is the stock closing, not a task);
* or as the sentence's subject, after any intro clause (``Trong quá trình thực
  hiện, căn cứ vào tình hình thực tiễn, người đứng đầu cấp ủy … phải …``).

A subject that only reports (``Nhiều Cục Thuế chưa …``, ``Tổng cục Thuế sẽ …``)
or is the issuer itself is no actor.  Matching is on folded text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from chidao.extract import regexes as rx
from chidao.extract.clean import fold
from chidao.extract.records import Organisation
from chidao.extract.resolve import central_name_words, resolve_organisation
from chidao.extract.scan import finditer_within, match_within

#: Most words an actor may have ("Các cấp ủy, chính quyền, Mặt trận Tổ quốc và …").
MAX_ACTOR_WORDS = 45

#: Most words of a paragraph that is only an actor ("8- UBND huyện" before its dashes).
MAX_BARE_ACTOR_WORDS = 12

# A verb-like word that is a noun after these: "Ban chỉ đạo phòng, chống dịch",
# "các tổ chức chính trị - xã hội", "những đơn vị".
_WORD_BEFORE_PROTECTED = {"ban": ("chi dao",), "tra": ("kiem tra",), "nguoi": ("su dung",)}
_NOUN_AFTER = frozenset({"cac", "nhung", "moi", "cua", "tung"})

# Short verbs as they must be printed to end an actor (their folded forms are ambiguous).
_SHORT_VERBS = frozenset(
    "cần phải nắm sớm sẽ gửi theo có là được chưa đã đang không lập cử rút nộp gặp chịu "
    "giúp chủ nghiêm biết khi nếu thì xin ra nhận khai tăng giảm đưa tự sau dừng treo".split()
)
# Lower-case words (folded) that go on an organisation's name ("Ủy ban nhân dân các huyện,
# thị xã", "các đơn vị liên quan", "Đài Truyền thanh - Truyền hình huyện và cơ sở"); with the
# words of the national bodies' names (the ministries a provincial Sở mirrors: "Sở Giáo dục và
# Đào tạo") they tell where an actor ends when its verb is none of the known ones
# ("Ủy ban nhân dân các huyện sơ tán dân …").
_NAME_WORDS = frozenset(
    """
    ủy ban nhân dân hội đồng các và hoặc huyện tỉnh xã thị trấn phường quận thành phố cấp
    ngành cơ quan đơn vị sở phòng đoàn thể mặt trận tổ quốc việt nam chức chính trị liên hiệp
    phụ nữ nông cựu chiến binh niên cộng sản lao động tổng trực thuộc trung ương địa phương
    của trong toàn từ đến trên thường vụ chuyên môn nghiệp liên quan khu công che xuất tộc tôn
    giáo bảo hiểm thuế hải kho bạc nhà nước ngân hàng chi bộ đảng đạo người đứng đầu sử dụng
    cán viên đài truyền hình thông tế dục tạo tin khoa học nghệ văn hóa hoá thao du lịch tài
    nguyên môi trường phát triển thôn giao vận tải kế hoạch tư nội pháp ngoại thương kiểm tra
    an ninh phòng biên sự cháy chữa trường bệnh mầm non gia đình nhân khóm ấp cụm đội lãnh
    ngũ thủ tịch nhiệm giám đốc hỗ trợ trực tâm
    """.split()
)
# Heads (folded) whose members a colon may list inside an actor: "các Sở: Y tế, Tài chính".
_LISTING_HEADS = frozenset("so bo nganh ban cuc vu phong".split())
# Reporting words as they must be printed ("vẫn", not "vận động"; "đã", not "đà").
_REPORTING_WORDS = frozenset("chưa đã đang sẽ vẫn là".split())

# Of those, the ones that cannot be part of a name even when OCR capitalises them ("… Sẽ").
_NEVER_NAMES = frozenset("sẽ đã đang cần phải".split())

# Head words that are also common words when printed in lower case ("phong tỏa", "bộ phận"),
# and the only accented forms in which they head an actor ("Bộ", not "Bổ sung"; "Ban", not
# "Bản sao"; "Sở", not "Số thuế"; "Cục", not OCR's "Cúc"); "|" separates forms.
_HEADS_NEEDING_CAPITAL = frozenset(
    # first words only: "hai" stands for "Hải quan" ("quận ủy" is printed in lower case)
    "phong so bo ban vu cuc doan hoi dai truong vien hai".split()
)
_HEAD_FORMS = {
    "phong": "phòng",
    "so": "sở",
    "bo": "bộ",
    "ban": "ban",
    "vu": "vụ",
    "cuc": "cục",
    "doan": "đoàn",
    "hoi": "hội",
    "dai": "đài",
    "truong": "trường|trưởng",  # a school, or an official: "Trưởng các thôn"
    "vien": "viện",
}


def find_actor(
    text: str,
    folded: str,
    start: int,
    end: int,
    context: Organisation | None = None,
    *,
    whole: bool = False,
    requests_only: bool = False,
    guides: bool = False,
) -> tuple[int, int] | None:
    """The span of the actor of the sentence ``text[start:end]``, or ``None``.

    ``whole`` allows the whole sentence to be the actor when no verb follows
    (an item that is only a name, ``8- UBND huyện``); ``requests_only`` takes only an
    actor who is asked (``đề nghị X``), not a sentence's subject; ``guides`` also takes
    ``hướng dẫn X thực hiện`` (a lead-in that is the letter's only instruction).

    >>> from chidao.extract.clean import fold
    >>> s = "Giao Ban Tuyên giáo Huyện ủy chủ trì, phối hợp"
    >>> a, b = find_actor(s, fold(s), 0, len(s))
    >>> s[a:b]
    'Ban Tuyên giáo Huyện ủy'
    >>> s = "Nhiều Cục Thuế chưa nghiêm túc báo cáo"
    >>> find_actor(s, fold(s), 0, len(s)) is None
    True
    >>> s = "Nếu phát sinh vướng mắc, khó khăn, đề nghị Cục Thuế báo cáo về Tổng cục Thuế"
    >>> a, b = find_actor(s, fold(s), 0, len(s))
    >>> s[a:b]
    'Cục Thuế'
    """
    if guides and text[start:end].rstrip().endswith(":"):
        # "…, Ủy ban nhân dân Thành phố giao Văn phòng Ban Chỉ đạo:" then what it must do
        actor = _lead_request(text, folded, start, end, context)
        if actor is not None:
            return actor
    actor = _opening_actor(text, folded, start, end, context, whole, requests_only)
    if actor is not None:
        return actor
    for m in finditer_within(
        rx.TASK_LATE_REQUEST_F, rx.TASK_LATE_REQUEST_NEEDS_F, folded, start, end
    ):
        who = m.group("who") or ""
        if who and not requests_only:
            continue  # who asks is named only in a letter's opening request
        if requests_only and rx.TASK_PAST_F.search(folded, start, m.end()):
            continue  # "Tổng cục Thuế đã chỉ đạo …, đồng thời yêu cầu …": an earlier request
        if _names_actor(text, folded, m.end(), end):
            return _actor_from(text, folded, m.end(), end, context, requested=True, whole=False)
    if guides:
        for m in rx.TASK_GUIDE_F.finditer(folded, start, end):
            if _names_actor(text, folded, m.end(), end):
                return _actor_from(text, folded, m.end(), end, context, requested=True, whole=False)
    return None


def _lead_request(
    text: str, folded: str, start: int, end: int, context: Organisation | None
) -> tuple[int, int] | None:
    """The actor a lead-in assigns the list below it to: the last request in the sentence
    (``giao`` as printed, not ``Tuyên giáo``), its actor running to the colon.

    >>> t = "Thực hiện ý kiến chỉ đạo, Ủy ban nhân dân tỉnh giao Văn phòng Ban Chỉ đạo tỉnh:"
    >>> a, b = _lead_request(t, fold(t), 0, len(t), None)
    >>> t[a:b]
    'Văn phòng Ban Chỉ đạo tỉnh'
    """
    found = None
    for m in rx.TASK_LEAD_REQUEST_F.finditer(folded, start, end):
        verb = text[m.start("verb") : m.end("verb")]
        if verb.lower().startswith("gi") and verb[:4].lower() != "giao":
            continue  # "Ban Tuyên giáo"
        if _names_actor(text, folded, m.end(), end):
            found = m
    if found is None:
        return None
    return _actor_from(text, folded, found.end(), end, context, requested=True, whole=True)


def opens_with_verb(folded: str, start: int, end: int) -> bool:
    """Whether the sentence, past its intro clauses, opens with what to do (no actor named).

    >>> opens_with_verb("tang cuong cong tac kiem tra", 0, 28)
    True
    >>> opens_with_verb("ngan hang nha nuoc da yeu cau", 0, 29)
    False
    """
    pos = _skip_space(folded, start, end)
    for _ in range(3):
        m = rx.TASK_INTRO_F.match(folded, pos, end)
        if m is None:
            break
        pos = m.end()
    request = match_within(rx.TASK_REQUEST_F, rx.TASK_REQUEST_NEEDS_F, folded, pos, end)
    return bool(rx.TASK_VERB_F.match(folded, pos, end) or request and request.start("verb") == pos)


def _opening_actor(
    text: str,
    folded: str,
    start: int,
    end: int,
    context: Organisation | None,
    whole: bool,
    requests_only: bool = False,
) -> tuple[int, int] | None:
    pos = _skip_space(folded, start, end)
    dated = rx.TASK_DATED_F.match(folded, pos, end) is not None
    for _ in range(3):
        m = rx.TASK_INTRO_F.match(folded, pos, end)
        if m is None:
            break
        pos = m.end()
    request = match_within(rx.TASK_REQUEST_F, rx.TASK_REQUEST_NEEDS_F, folded, pos, end)
    notice = match_within(rx.TASK_NOTICE_F, rx.TASK_NOTICE_NEEDS_F, folded, pos, end)
    requested = False
    if request is not None and request.start("verb") > pos and folded[request.start("verb")] == "g":
        request = None  # "Ban Tuyên giáo …": "giao" asks only when it opens the sentence
    if (
        request is not None
        and requests_only
        and rx.TASK_PAST_F.search(folded, pos, request.start("verb"))
    ):
        request = None  # "… đã yêu cầu Cục Thuế …": a report of an earlier request
    if request is not None and _names_actor(text, folded, request.end(), end):
        pos, requested = request.end(), True
    elif notice is not None and _names_actor(text, folded, notice.end(), end):
        pos, requested = notice.end(), True
    if (
        rx.TASK_REPORT_SUBJECT_F.match(folded, pos, end)
        or (requests_only or dated)
        and not requested
    ):
        return None  # "Ngày 31/8/2020, Bộ Y tế ban hành …" reports what happened
    if not _names_actor(text, folded, pos, end):
        return None
    return _actor_from(text, folded, pos, end, context, requested=requested, whole=whole)


def _actor_from(
    text: str,
    folded: str,
    pos: int,
    end: int,
    context: Organisation | None,
    *,
    requested: bool,
    whole: bool,
) -> tuple[int, int] | None:
    actor_end, verb, guessed = _phrase_end(text, folded, pos, end)
    if requested and whole and _heading_request(text, pos, end, verb, guessed):
        # "2.4. Giao Vụ Thi đua - Khen thưởng" over its dashes: the heading is the name,
        # whatever its words ("thưởng", "Quản lý", "- Hỗ trợ" are no verbs there).
        actor_end, verb, guessed = end, None, False
    if (
        guessed
        and (
            text[pos:end]
            .rstrip()
            .endswith(":")  # "Cục Thuế … coy kién như Sau:" (OCR) opens a list
            or (
                not rx.TASK_PLURAL_F.match(folded, pos)
                and resolve_organisation(text[pos:actor_end]) is None
            )
        )
    ):
        return None  # "Ngành công nghiệp ô tô bao gồm …": a statement, no body named
    if verb is None:
        short = len(text[pos:actor_end].split()) <= MAX_BARE_ACTOR_WORDS
        if short and _colon_then_verb(text, folded, actor_end, end):
            pass  # "1. Ban Tuyên giáo Huyện ủy: chủ trì, phối hợp …" (a plan's assignments)
        elif not whole or len(text[pos:end].split()) > MAX_BARE_ACTOR_WORDS:
            return None
        else:
            actor_end = end
    else:
        after = folded[verb:end]
        if rx.TASK_FORMULA_F.match(after) or rx.TASK_COURTESY_F.match(after):
            return None
        if folded.rfind(":", verb, end) >= 0 and rx.TASK_LEAD_IN_END_F.match(folded, verb, end):
            return None  # "Chủ tịch UBND tỉnh yêu cầu:" speaks; its sub-items name who acts
        if not requested and (_reports(text, folded, verb, end) or rx.TASK_SPEAKER_F.match(after)):
            return None
    if rx.TASK_THIRD_PARTY_F.match(folded, pos + _quantifier_length(folded, pos)) and not (
        folded.startswith("quy", pos)
    ):
        return None  # taxpayers written about; "Quý Doanh nghiệp" is addressed
    if requested:
        role = rx.TASK_APPOSITIVE_F.search(folded, pos, actor_end)
        if role is not None:
            actor_end = role.start()  # "Giao UBND thành phố, cơ quan thường trực …, chủ trì"
    for announce in rx.TASK_ANNOUNCES_F.finditer(folded, pos, min(end, actor_end + 40)):
        if text[announce.end() : announce.end() + 1].isupper():
            return None  # "Ủy ban nhân dân tỉnh ban hành Kế hoạch … như sau:" speaks of itself
    while actor_end > pos and text[actor_end - 1] in " \n,;:-":
        actor_end -= 1
    if actor_end <= pos:
        return None
    if _is_issuer(folded[pos:actor_end], context):
        # The issuer's own undertaking ("Tổng cục Thuế thông báo …"), or someone else's request
        # to it reported in a reply ("Cục Thuế tỉnh X đề nghị Tổng cục Thuế hướng dẫn …").
        return None
    return pos, actor_end


def _heading_request(text: str, pos: int, end: int, verb: int | None, guessed: bool) -> bool:
    """Whether ``Giao X`` is a whole heading line (no sentence mark, a few words) whose
    phrase found no printed lower-case verb: only a guess, a capitalised word after a dash,
    or none at all.

    >>> t = "Giao Vụ Quản lý nợ"
    >>> _heading_request(t, 5, len(t), 13, True)
    True
    >>> t = "Giao Vụ Thi đua chủ trì việc rà soát"
    >>> _heading_request(t, 5, len(t), 17, False)
    False
    >>> t = "Giao Vụ Kê khai"  # "khai" ends the line: nothing to do follows, a name
    >>> _heading_request(t, 5, len(t), 11, False)
    True
    """
    heading = text[pos:end].rstrip()
    if not (verb is None or guessed or text[verb].isupper()):
        last = rx.TASK_VERB_F.match(fold(text[verb : pos + len(heading)]))
        if last is None or last.end() < pos + len(heading) - verb:
            return False  # a verb with what to do after it: "Giao Phòng Y tế chủ trì …"
    return (
        len(heading.split()) <= MAX_BARE_ACTOR_WORDS
        and "\n" not in heading
        and not heading.endswith((".", ";", ":", "/", "!", "?"))
    )


def _reports(text: str, folded: str, verb: int, end: int) -> bool:
    """Whether the verb reports rather than directs (``chưa``, ``đã``, ``sẽ``, ``có công văn``).

    Short words count only as printed: ``vẫn`` reports, ``vận động`` directs.
    """
    m = rx.TASK_DESCRIPTIVE_F.match(folded, verb, end)
    if m is None:
        return False
    printed = text[m.start() : m.end()]
    return len(printed.split()) > 1 or printed.lower() in _REPORTING_WORDS


def _colon_then_verb(text: str, folded: str, pos: int, end: int) -> bool:
    """``: chủ trì, …`` or ``: Chủ trì, …`` (a plan's assignment) — a colon, then on the same
    line a verb."""
    if not text.startswith(":", pos):
        return False
    line_end = text.find("\n", pos)
    end = max(end, line_end if line_end >= 0 else len(text))
    nxt = pos + 1
    while nxt < end and text[nxt] == " ":
        nxt += 1
    return nxt < end and text[nxt].isalpha() and bool(rx.TASK_VERB_F.match(folded, nxt, end))


def _skip_space(folded: str, pos: int, end: int) -> int:
    while pos < end and folded[pos] in " \n\t":
        pos += 1
    return pos


def _phrase_end(text: str, folded: str, pos: int, end: int) -> tuple[int, int | None, bool]:
    """Where the actor phrase from ``pos`` ends, where its verb starts (if any), and whether
    that verb is only guessed: the first lower-case word that goes on no name (``sơ tán``)."""
    words = 0
    depth = 0  # inside "(gồm: Cục Thuế, Chi cục Thuế)"
    prev_word = before_prev = ""
    unknown: int | None = None  # the first lower-case word that goes on no name
    relative = False  # inside "… có chức năng thanh tra, kiểm tra …": only a modal ends it
    for m in rx.ISSUER_WORD.finditer(text, pos, end):
        punct = m.group("punct")
        if punct:
            depth += (punct == "(") - (punct == ")")
            if depth <= 0 and punct in (":", ".") and not _list_colon(text, m.end(), prev_word):
                if unknown is not None and not _names_before_colon(folded, pos, m, words):
                    return unknown, unknown, True
                return m.start(), None, False
            continue
        word = m.group("word")
        words += 1
        if words > MAX_ACTOR_WORDS:
            return (unknown, unknown, True) if unknown is not None else (m.start(), None, False)
        if (
            unknown is None
            and depth <= 0
            and words > 1
            and word[0].islower()
            and word.isalpha()
            and not _name_word(word)
        ):
            unknown = m.start()
        if word in ("-", "–") and words > 1:
            nxt = rx.ISSUER_WORD.search(text, m.end(), end)
            verb = rx.TASK_VERB_F.match(folded, nxt.start(), end) if nxt else None
            if verb and nxt.group("word") and not verb.group(0).startswith("kiem"):
                return m.start(), nxt.start(), False  # "Vụ Pháp chế - Tiếp tục rà soát …"
        if words > 1 and (word[0].islower() or word.lower() in _NEVER_NAMES):
            if relative:
                if rx.TASK_MODAL_F.match(folded, m.start(), end):
                    return m.start(), m.start(), False
                before_prev, prev_word = prev_word, folded[m.start() : m.end()]
                continue
            if rx.TASK_RELATIVE_F.match(folded, m.start(), end):
                relative = True  # "tổ chức có chức năng …": a description, not the verb
                unknown = None
                before_prev, prev_word = prev_word, folded[m.start() : m.end()]
                continue
            verb = rx.TASK_VERB_F.match(folded, m.start(), end)
            if (
                verb is not None
                and not _protected(before_prev, prev_word, folded[m.start() : verb.end()])
                and _accents_agree(text[m.start() : verb.end()])
                # "cơ quan thường trực Ban Chỉ đạo" is no "trực ban": a verb's words are lower case
                and (" " not in verb.group(0) or text[m.start() + 1 : verb.end()].islower())
                and not _committee_name_goes_on(text, folded, before_prev, prev_word, verb, end)
            ):
                return m.start(), m.start(), False
        # fold() maps character by character: the word's slice of the folded text is its fold
        before_prev, prev_word = prev_word, folded[m.start() : m.end()]
    return (unknown, unknown, True) if unknown is not None else (end, None, False)


def _committee_name_goes_on(
    text: str, folded: str, before_prev: str, prev_word: str, verb: re.Match[str], end: int
) -> bool:
    """A steering committee's name runs on over its own verb when a capital follows it:
    ``BCĐ xây dựng Đề án …``, ``Ban Chỉ đạo thực hiện Chương trình …`` (but ``Ban Chỉ đạo
    xây dựng kế hoạch`` directs).

    >>> t = "BCĐ xây dựng Đề án"
    >>> _committee_name_goes_on(t, fold(t), "", "bcd", rx.TASK_VERB_F.match(fold(t), 4), len(t))
    True
    """
    if not (prev_word == "bcd" or (before_prev, prev_word) == ("chi", "dao")):
        return False
    if not rx.TASK_COMMITTEE_VERB_F.fullmatch(verb.group(0)):
        return False
    nxt = rx.ISSUER_WORD.search(text, verb.end(), end)
    return bool(nxt and nxt.group("word") and nxt.group("word")[0].isupper())


def _names_before_colon(folded: str, pos: int, m: re.Match[str], words: int) -> bool:
    """A plan's assignment ``Phòng Kinh tế và Hạ tầng: Chủ trì …``: a short name ends at its
    colon even with a word unknown in names (``tầng``), unless a lead-in ends there
    (``… có ý kiến như sau:``)."""
    return (
        m.group("punct") == ":"
        and words <= MAX_BARE_ACTOR_WORDS
        and rx.TASK_COLON_LEAD_F.search(folded, pos, m.start()) is None
    )


def _list_colon(text: str, after: int, prev_word: str) -> bool:
    """Whether a colon only lists the members of a plural head, on the same line: ``Giám đốc
    các Sở: Y tế, Tài chính; …``, ``Các Bộ: Công an, Ngoại giao`` (not ``Ban A: chủ trì …``).

    >>> _list_colon("các Sở: Y tế", 7, "so"), _list_colon("Ban A: chủ trì", 6, "a")
    (True, False)
    """
    if text[after - 1] != ":" or prev_word not in _LISTING_HEADS:
        return False
    nxt = after + 1 if text.startswith(" ", after) else after
    return nxt < len(text) and text[nxt].isupper()


@cache
def _name_words() -> tuple[frozenset[str], frozenset[str]]:
    """The name words as printed (lower case) and folded (for copies without accents)."""
    printed = _NAME_WORDS | central_name_words()
    return printed, frozenset(fold(w) for w in printed)


def _name_word(word: str) -> bool:
    """Does ``word`` go on an organisation's name?  Accents decide where they are printed
    (``sơ tán`` is no ``Sở``); an unaccented copy is matched folded.

    >>> _name_word("nhân"), _name_word("nhan"), _name_word("sơ"), _name_word("tán")
    (True, True, False, False)
    """
    printed, folded = _name_words()
    lower = word.lower()
    # an ASCII word in lower case is its own fold: no fold() call for it
    return lower in printed or ((lower.isascii() or fold(lower) == lower) and lower in folded)


def _quantifier_length(folded: str, pos: int) -> int:
    head = rx.TASK_ACTOR_HEAD_F.match(folded, pos)
    return head.start("head") - pos if head else 0


def _accents_agree(printed: str) -> bool:
    # Short verbs fold onto nouns ("đang"/"đảng", "có"/"cỏ"): take them only as printed.
    word = printed.lower()
    return len(word) > 4 or " " in word or word in _SHORT_VERBS  # (folding keeps the length)


def _protected(before_prev: str, prev_word: str, verb: str) -> bool:
    verb = " ".join(verb.split())
    if prev_word == "ban" and before_prev == "uy":
        return False  # "Quý Ủy ban chỉ đạo …": the committee directs
    return prev_word in _NOUN_AFTER or verb in _WORD_BEFORE_PROTECTED.get(prev_word, ())


def _names_actor(text: str, folded: str, pos: int, end: int) -> bool:
    head = rx.TASK_ACTOR_HEAD_F.match(folded, pos, end)
    if head is None:
        return False
    word = head.group("head")
    first = word.split()[0]
    printed = text[head.start("head") : head.start("head") + len(first)]
    form = _HEAD_FORMS.get(first)
    if form is not None and printed.lower() not in form.split("|"):
        return False
    if first not in _HEADS_NEEDING_CAPITAL or printed[0].isupper():
        return True
    # "Các sở, ban, ngành …": after a capitalised quantifier the head may be lower case
    return head.start("head") > pos and text[pos].isupper()


@lru_cache(maxsize=1 << 12)
def _issuer_names(name: str, printed: str | None) -> frozenset[str]:
    """The issuer's name and printed name, folded: an actor that is one of them is the issuer."""
    names = {fold(name)}
    if printed:
        names.add(" ".join(fold(printed).split()))
    return frozenset(names)


def _is_issuer(actor: str, context: Organisation | None) -> bool:
    if context is None:
        return False
    actor = " ".join(actor.split())
    if actor in _issuer_names(context.name, context.printed):
        return True
    # OCR's "Cục-Thuế TP Hà Nội" is the issuer "Cục Thuế thành phố Hà Nội"
    actor = rx.GLUED_HYPHEN.sub(" ", actor)
    resolved = resolve_organisation(actor, context) if "," not in actor else None
    return resolved is not None and resolved.name == context.name
