"""Calendar checks shared by the finders: is a printed date or number possible and plausible?

OCR and typing slips give dates such as ``năm 20211``, ``ngày 31 tháng 2`` or a
year ``1066``, and numbers such as ``0000/UBND-VX``.  Read silently, they would
put a document in the wrong century; every finder therefore reads dates through
:func:`check_date` and serials through :func:`check_serial`, which say why a
value was refused so that the finder can record a :class:`~chidao.extract.records.Problem`.
"""

from __future__ import annotations

import datetime as dt

#: The earliest year a directive this tool reads can carry or cite: the Communist Party of
#: Viet Nam was founded in 1930 and the State in 1945, so no Party or State document (nor any
#: document they cite as in force, such as the 1946 Constitution) is older.
YEAR_MIN = 1930
#: Documents are not dated in the future; one year of slack covers a letter dated on New
#: Year's Day read on a machine whose clock is a little behind.
YEAR_SLACK = 1


def year_max() -> int:
    """The latest plausible year: next year."""
    return dt.date.today().year + YEAR_SLACK


def plausible_year(year: int) -> bool:
    """Could a directive be dated in ``year``?

    >>> plausible_year(2021), plausible_year(1066), plausible_year(20211)
    (True, False, False)
    """
    return YEAR_MIN <= year <= year_max()


def check_date(day: str | int, month: str | int, year: str | int) -> tuple[str | None, str]:
    """ISO date of printed parts and, when there is none, why: ``unreadable``, ``impossible``
    (no such day) or ``implausible`` (a year outside :data:`YEAR_MIN` … next year).

    >>> check_date("15", "02", "2021"), check_date("31", "2", "2021")
    (('2021-02-15', ''), (None, 'impossible'))
    >>> check_date("12", "3", "20211"), check_date("1", "1", "1066"), check_date("2#", "9", "2021")
    ((None, 'implausible'), (None, 'implausible'), (None, 'unreadable'))
    """
    parts = [str(p).strip() for p in (day, month, year)]
    if not all(p.isdigit() for p in parts):
        return None, "unreadable"
    d, m, y = (int(p) for p in parts)
    if not plausible_year(y):
        return None, "implausible"
    try:
        return dt.date(y, m, d).isoformat(), ""
    except ValueError:
        return None, "impossible"


def iso_date(day: str | int, month: str | int, year: str | int) -> str | None:
    """The ISO date, or ``None`` when unreadable, impossible or implausible.

    >>> iso_date(29, 4, 2023), iso_date(29, 2, 2023), iso_date(1, 1, 1899)
    ('2023-04-29', None, None)
    """
    return check_date(day, month, year)[0]


def check_serial(serial: str) -> str:
    """Why a number's serial cannot be: ``impossible`` (all zeros: registers start at 1),
    or ``''`` when it can.

    >>> check_serial("217"), check_serial("0000"), check_serial("05")
    ('', 'impossible', '')
    """
    return "impossible" if serial and int(serial) == 0 else ""
