"""Read a results file into rows of text: CSV in any common encoding, or a workbook.

The layout of the table is decided elsewhere (:mod:`.layouts`); here a file
becomes a header and rows of strings, with the line numbers a user would see.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..text import short_text
from ..validate import check_readable, listing, read_capped, refuse

#: Largest results file read, in bytes: all 650 seats take well under 1 MB.
MAX_RESULTS_BYTES = 200 * 10**6
#: Delimiters a text table may use, as the sniffer tries them.
DELIMITERS = ",;\t|"
#: Rows searched for the header, above which a sheet may hold titles and notes.
HEADER_SEARCH_ROWS = 30
#: Magic numbers of the workbooks read: xlsx and ods are zips, xls an OLE2 file.
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


@dataclass
class Sheet:
    """A table of text as the file holds it.

    ``header`` is the header row (cells stripped); ``rows`` the rows below it,
    each as long as the header; ``lines`` the row or line number of each row in
    the file, counted from 1; ``notes`` what was guessed while reading.
    """

    path: Path
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    notes: list[str] = field(default_factory=list)


def read_sheet(path: Path | str) -> Sheet:
    """Read a CSV or the first sheet of a workbook that holds a table.

    A CSV may use any common delimiter and UTF-8, UTF-16 or Windows-1252; a
    workbook is xlsx, xls or ods.

    Raises
    ------
    InputError
        The file is missing, too large, binary, or holds no table.
    """
    path = check_readable(path, "results table", max_bytes=MAX_RESULTS_BYTES)
    data = read_capped(path, "results table", MAX_RESULTS_BYTES)
    notes: list[str] = []
    if data.startswith(WORKBOOK_MAGIC):
        records, sheet_note = _workbook_records(path, data)
        notes += sheet_note
    else:
        text, encoding_note = _decode(path, data)
        notes += encoding_note
        records = _text_records(path, text)
    return _with_header(path, records, notes)


def _decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Return the text of a file, and a note when it is not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(path, data, "utf-16"), []
    head = data[:4096]
    if len(head) > 3 and head.count(b"\x00") * 3 > len(head):  # UTF-16 sans BOM
        order = (
            "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        )
        return _decoded(path, data, order), []
    if b"\x00" in head:
        refuse(path, "is a binary file, not a table; export the results as CSV")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    text = _decoded(path, data, "cp1252")
    return text, [
        f"{path}: not UTF-8, read as Windows-1252 text (as Excel saves 'CSV'); "
        "check accented names, or save it as 'CSV UTF-8'"
    ]


def _decoded(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        refuse(
            path,
            f"is not UTF-8, UTF-16 or Windows-1252 text (byte {error.start}); "
            "save it as 'CSV UTF-8'",
        )


def _text_records(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """Split text into records with their line numbers, sniffing the delimiter."""
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            records.append((reader.line_num, record))
    except csv.Error as error:
        refuse(path, f"not a CSV table, line {reader.line_num} ({error})")
    return records


def _workbook_records(path: Path, data: bytes) -> tuple[list, list[str]]:
    """Return the records of the first sheet with a table, and a note naming it."""
    if data.startswith(WORKBOOK_MAGIC[0]):
        _check_zip(path, data)
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        for name in names:  # each sheet read only until one holds a table
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            records = [
                (number, [_cell_text(cell) for cell in row])
                for number, row in enumerate(rows, start=1)
            ]
            if _header_index(records) is not None:
                break
        else:
            records = []
    except (CalamineError, ValueError, OSError) as error:
        refuse(path, f"is not a workbook that can be read ({short_text(error)})")
    if not records:
        refuse(path, "no sheet holds a table with a header row; export it as CSV")
    others = [other for other in names if other != name]
    if not others:
        return records, []
    return records, [
        f"{path}: read the sheet {name!r}; not {listing(map(repr, others))}"
    ]


def _check_zip(path: Path, data: bytes) -> None:
    """Refuse a workbook that unpacks to more than the size london-maps reads."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            unpacked = sum(member.file_size for member in book.infolist())
    except zipfile.BadZipFile:
        refuse(path, "is a damaged zip or workbook; save it again")
    if unpacked > MAX_RESULTS_BYTES:
        refuse(path, f"unpacks to more than {MAX_RESULTS_BYTES // 10**6} MB")


def _cell_text(cell) -> str:
    """Show a workbook cell as the text a CSV export would hold."""
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return "" if cell is None else str(cell)


def _header_index(records: list[tuple[int, list[str]]]) -> int | None:
    """Position of the header: the first row as full as the table's rows.

    Titles and notes above a table fill one or two cells; the header names
    (nearly) every column of the rows under it.
    """
    sample = records[:HEADER_SEARCH_ROWS]
    filled = [sum(1 for cell in record if cell.strip()) for _, record in sample]
    widest = max(filled, default=0)
    if widest < 2:
        return None
    return next(i for i, count in enumerate(filled) if count >= max(2, widest * 0.6))


def _with_header(path: Path, records: list, notes: list[str]) -> Sheet:
    start = _header_index(records)
    if start is None:
        refuse(path, "holds no table: no row names two or more columns")
    header = [cell.strip() for cell in records[start][1]]
    rows, lines = [], []
    for line, record in records[start + 1 :]:
        if not any(cell.strip() for cell in record):
            continue  # blank lines, and the empty rows below a sheet's table
        extra = record[len(header) :]
        if any(cell.strip() for cell in extra):
            refuse(
                path,
                f"row {line} has {len(record)} cells but the header names "
                f"{len(header)} columns (a stray delimiter or quote?); fix that row",
            )
        cells = record[: len(header)]
        rows.append(cells + [""] * (len(header) - len(cells)))
        lines.append(line)
    if not rows:
        refuse(path, "the table has a header but no rows")
    return Sheet(path, header, rows, lines, notes)
