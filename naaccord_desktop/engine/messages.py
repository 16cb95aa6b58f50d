"""The plain words of every finding: what is wrong and how to fix it, in the
user's language (translation.py): each text is a template whose named
placeholders are filled after translation.

Messages never quote cell values (those travel in `Finding.values`, which
the shareable exports leave out)."""

from __future__ import annotations

from pathlib import Path

from .translation import _, counted, number


def header(code: str, column: str, spelled: str | None) -> tuple[str, str]:
    texts = {
        "header.no_patient_id": (
            _("The header has no cohortPatientId column, so the depot cannot tell whose rows these are."),
            _("Name the patient ID column exactly cohortPatientId in the first line of the file."),
        ),
        "header.missing_column": (
            _("The column {column} is missing from the header."),
            _("Add the column {column} to the header (its cells may stay empty where the definition allows)."),
        ),
        "header.extra_column": (
            _("The column {column} is not part of this table's definition; it will not be checked."),
            _("Remove the column, or check that the table type is right."),
        ),
        "header.case_mismatch": (
            _("The column {column} is written differently in the header ({spelled})."),
            _("Write the column name exactly as {column}."),
        ),
        "header.duplicate_column": (
            _("The column name {column} appears more than once in the header; only the first is checked."),
            _("Give every column its own name, or remove the copy."),
        ),
    }
    return _filled(texts[code], column=column, spelled=repr(spelled))


def blank_lines() -> tuple[str, str]:
    """Empty lines between records, on the fast path (the diagnostic path words its
    structure findings itself: diagnostic.structure_findings)."""
    return (_("The file has empty lines between its records; they are skipped."), _("Remove the empty lines."))


def encoding(line: int, byte: int, char: str, guess: str, read_as: str, column: str = "") -> tuple[str, str]:
    """The first byte that is not UTF-8: the byte, the character it probably
    is in the `guess`ed encoding, and the column when it is known."""
    text = (_("This file is not UTF-8: line {line}, in the {column} column, has the byte 0x{byte} (probably "
              "{char} in {guess}). It was read as {read_as} for this check, but the depot rejects it.")
            if column else
            _("This file is not UTF-8: line {line} has the byte 0x{byte} (probably {char} in {guess}). "
              "It was read as {read_as} for this check, but the depot rejects it."))
    return (text.format(line=number(line), column=column, byte=f"{byte:02X}", char=repr(char), guess=guess,
                        read_as=read_as),
            _("Save it as UTF-8 from your export tool (in Excel: 'CSV UTF-8')."))


def value(code: str, column: str, detail: str = "") -> tuple[str, str]:
    texts = {
        "value.missing": (
            _("{column} is empty where a value is required."),
            _("Fill in {column} on these lines."),
        ),
        "value.whitespace": (
            _("Values in {column} have spaces before or after them."),
            _("Remove the leading and trailing spaces."),
        ),
        "value.na_token": (
            _("{column} has placeholders such as NA, N/A, NULL or . instead of {detail}; "
              "the depot accepts them as text, but they are not in the documented form."),
            _("Leave {column} empty where the value is unknown (if the definition allows), "
              "or write the real value."),
        ),
        "enum.invalid": (
            _("{column} has values that are not in the allowed list ({detail})."),
            _("Use one of the allowed values for {column}."),
        ),
        "enum.case": (
            _("{column} has allowed values written with different capitals or spaces."),
            _("Write them exactly as listed ({detail})."),
        ),
        "date.invalid": (
            _("{column} has values that are not real dates written as YYYY-MM-DD."),
            _("Write dates as YYYY-MM-DD, for example 2020-01-15."),
        ),
        "year.invalid": (
            _("{column} has values that are not a 4-digit year."),
            _("Write the year with four digits, for example 1975."),
        ),
        "numeric.invalid": (
            _("{column} has values that are not numbers."),
            _("Write a plain number such as 12 or 4.5, or leave the cell empty if allowed."),
        ),
        "range.out_of_range": (
            _("{column} has values outside the allowed range {detail}."),
            _("Correct the values; the range includes both ends."),
        ),
        "unique.duplicate": (
            _("{column} has values that appear on more than one line; each must appear once."),
            _("Keep one line per value."),
        ),
        "required_when.missing": (
            _("{column} is empty on lines where {detail}, so it is required there."),
            _("Fill in {column} on these lines."),
        ),
        "forbidden_when.present": (
            _("{column} has a value on lines where {detail}, so it should be empty there."),
            _("Remove {column} on these lines, or check the other column."),
        ),
        "patient_id.unknown": (
            _("Some patient IDs are not in the patient file; the depot rejects the file for this."),
            _("Remove these rows, or add the patients to the patient file first."),
        ),
    }
    return _filled(texts[code], column=column, detail=detail)


def missing_column(column: str, needed: int, where: str) -> tuple[str, str]:
    """A column the header lacks, judged on the rows of this file (`where`: the rows that would need it)."""
    if needed:
        rows = counted(needed, "{n} row needs", "{n} rows need")
        texts = ((_("The column {column} is missing from the header, and {rows} a value in it ({where})."),
                  _("Add the column {column} to the header and fill it in {where}."))
                 if where else
                 (_("The column {column} is missing from the header, and {rows} a value in it."),
                  _("Add the column {column} to the header and fill it in.")))
        return _filled(texts, column=column, rows=rows, where=where)
    texts = ((_("The column {column} is missing from the header; no row of this file needs a value in it "
                "(only rows {where} would).") if where else
              _("The column {column} is missing from the header; no row of this file needs a value in it.")),
             _("Add the column {column} to the header (its cells may stay empty)."))
    return _filled(texts, column=column, where=where)


def recommended(column: str, advice: str) -> tuple[str, str]:
    return _filled((_("{column} is empty. {advice}"), _("Fill in {column} where you can.")),
                   column=column, advice=advice)


def table(code: str, table_name: str) -> tuple[str, str]:
    texts = {
        "table.no_patient_file": (
            _("The {table} file cannot be checked against patients: "
              "the submission has no patient file, and the depot needs it first."),
            _("Add the patient file to this check (and upload it first)."),
        ),
        "table.patient_file_unusable": (
            _("The depot would refuse the patient file (see its findings), and then this {table} file "
              "too: it takes no other table before it holds a patient file."),
            _("Fix the patient file first (see its findings), then check again."),
        ),
        "table.header_mismatch": (
            _("The files of the {table} table do not have the same columns."),
            _("Give every file of one table the same header."),
        ),
    }
    return _filled(texts[code], table=table_name)


def several_patient_files(names: list[str]) -> tuple[str, str]:
    listed = _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
    text = (_("The depot keeps one patient file: {files} are all patient files, and each one uploaded "
              "replaces the one before. The other files' patient IDs were compared with all of them "
              "together, so an ID missing from the file you keep may not be reported.")
            if len(names) > 2 else
            _("The depot keeps one patient file: {files} are both patient files, and the second one uploaded "
              "replaces the first. The other files' patient IDs were compared with both together, "
              "so an ID missing from the file you keep may not be reported."))
    return (text.format(files=listed),
            _("Keep the current one: leave the others out of this check (or merge them into one file) and "
              "check again."))


def also_in(others: list[tuple[str, int, list[int]]]) -> str:
    """Where else the duplicated values are: (file name, rows, first lines) per other file."""
    parts = [_("{file} (line {lines})").format(file=name, lines=", ".join(map(str, lines))) if count == 1 else
             counted(count, "{file} ({n} line, first: {lines})", "{file} ({n} lines, first: {lines})",
                     file=name, lines=", ".join(map(str, lines)))
             for name, count, lines in others]
    return _("Some of these values are also in {files}.").format(files="; ".join(parts))


def changed(path: Path, before: tuple[int, int], after: tuple[int, int] | None, read: int) -> tuple[str, str]:
    """The file was written to while it was checked: (size, modification time) before and after."""
    if after is None:
        what = _("it was moved or deleted before the check ended")
    elif after[0] != before[0]:
        what = _("its size went from {before} to {after} bytes").format(before=number(before[0]),
                                                                        after=number(after[0]))
    elif read != before[0]:
        what = _("{read} of its {size} bytes could be read").format(read=number(read), size=number(before[0]))
    else:
        what = _("it was saved again")
    return (_("{file} changed while it was checked ({what}), so these results may not describe the file "
              "as it is now, and no receipt can be written for it.").format(file=path.name, what=what),
            _("Wait until the export that writes the file has finished, then check it again."))


def not_hashed(path: Path, exc: OSError) -> tuple[str, str]:
    """The file was checked to the end but could not be read again for its SHA-256."""
    why = (_("another program holds it, or this computer no longer allows the app to open it")
           if isinstance(exc, PermissionError)
           else _("the system refused to read it (is it on a drive that was disconnected?)"))
    return (_("{file} was checked to the end, but could not be read again for its SHA-256 fingerprint ({why}), "
              "so no receipt can name it.").format(file=path.name, why=why),
            _("Close the programs that use the file (a spreadsheet, a backup), then check it again if you need "
              "a receipt."))


def no_rows() -> tuple[str, str]:
    return (_("The file holds a header but no data rows, so there is nothing to check in it."),
            _("Export the table again with its rows, or leave this file out if the table is empty on purpose."))


def unreadable(reason: str) -> tuple[str, str]:
    return (_("The file cannot be read: {reason}").format(reason=reason),
            _("Check that the file is a CSV export and try again."))


def scratch_full(path: Path, size: int, scratch: Path) -> tuple[str, str]:
    """The disk that holds the temporary copies is full (the source is only ever read)."""
    needed = max(2 * size, 1 << 20)
    return (_("The disk that holds the app's temporary copies is full, so {file} was not checked to the "
              "end. Checking it needs up to about {needed} MB free in {folder}.").format(
                file=path.name, needed=number(needed / (1 << 20)), folder=scratch),
            _("Free some space on that disk, or choose a scratch location on a disk with more room in "
              "Settings, and check again."))


def cannot_open(path: Path, exc: OSError, during: bool) -> tuple[str, str]:
    """A file the system would not give us (at the start, or `during` the check),
    or the scratch folder refusing the app's temporary copies."""
    if exc.filename is not None and Path(exc.filename) != path:
        return (_("The app could not write its temporary copies in its scratch folder (the disk may be full, "
                  "or the folder not writable), so the rest of this file was not checked."),
                _("Free some disk space, or choose another scratch location in the settings, and check again."))
    if isinstance(exc, FileNotFoundError):
        why = _("it was moved or deleted during the check") if during else _("it was moved or deleted")
        fix = _("Put the file back where it was, or choose it again, and check again.")
    elif isinstance(exc, PermissionError):
        why = _("this computer does not allow the app to open it")
        fix = _("Allow your account to read the file (or copy it to your own folder) and check again.")
    elif isinstance(exc, IsADirectoryError):
        why = _("it is a folder, not a file")
        fix = _("Choose the CSV file inside the folder.")
    else:
        why = _("the system refused to read it (is it on a drive that was disconnected?)")
        fix = _("Make sure the file can be opened, then check again.")
    text = _("{file} could not be read any more: {why}.") if during else _("{file} could not be read: {why}.")
    return text.format(file=path.name, why=why), fix


def not_text(kind: str) -> tuple[str, str]:
    return (_("This is not a text file: it looks like {kind}.").format(kind=kind),
            _("Export the table as CSV (comma-separated values, UTF-8) and check that file."))


def app_problem() -> tuple[str, str]:
    return (_("This step stopped because of a problem in the app, not in your file; the rest of this file "
              "was not checked."), _("Check again; if it happens again, send the app's log to the help desk."))


# --- what the depot refuses at the door, and what it would misread (engine/depot.py) -------


def suffix(name: str) -> tuple[str, str]:
    return (_("The depot takes only .csv, .tsv and .txt files, so it refuses {file} whatever it holds.").format(
                file=name),
            _("Save the file with one of those endings (a CSV export, not a workbook or an archive)."))


def too_large(size: int, limit: int) -> tuple[str, str]:
    return (_("The file is {size} GB; the depot refuses files above {limit} GB.").format(
                size=number(size / (1 << 30), 2), limit=number(limit / (1 << 30))),
            _("Split the table into several files (the depot checks them as one table), each below the limit."))


def blank_ids(count: int) -> tuple[str, str]:
    return (counted(count, "A row has a patient ID made of spaces only. The depot reads it as an empty ID, "
                           "which is in no patient file, and refuses the upload.",
                    "{n} rows have a patient ID made of spaces only. The depot reads it as an empty ID, "
                    "which is in no patient file, and refuses the upload."),
            _("Fill in the patient ID on these lines, or remove the rows (an empty cell is skipped)."))


def other_delimiter(name: str, found: str, read_as: str, patient: bool) -> tuple[str, str]:
    text = (_("This file is {found}, but the depot reads a file named {file} as {read_as} "
              "once it has accepted it: every column would be one column to it, and its checks would find "
              "none of the table's columns. It would also keep no patient IDs from it, and then refuse every "
              "other file of the submission.") if patient else
            _("This file is {found}, but the depot reads a file named {file} as {read_as} "
              "once it has accepted it: every column would be one column to it, and its checks would find "
              "none of the table's columns."))
    return (text.format(found=found, file=name, read_as=read_as),
            _("Export the file {read_as}, or name it to match (a tab-separated file must end in "
              ".tsv).").format(read_as=read_as))


def no_patient_list(why: str) -> tuple[str, str]:
    return (_("The depot accepts this patient file, but then keeps no patient IDs from it: {why} So it will "
              "refuse every other file of the submission as holding unknown patients.").format(why=why),
            _("Name the patient ID column exactly cohortPatientId, with nothing around it, and use commas "
              "(tabs only in a .tsv file)."))


def line_break(count: int) -> tuple[str, str]:
    return (counted(count, "A value holds a line break inside quotes. The depot accepts the file, but its "
                           "database reads such a file without quotes: it cuts these values at the line break, "
                           "and drops rows whose quoted values hold a comma.",
                    "{n} values hold a line break inside quotes. The depot accepts the file, but its "
                    "database reads such a file without quotes: it cuts these values at the line break, "
                    "and drops rows whose quoted values hold a comma."),
            _("Remove the line breaks from the values (replace them with a space) in the source system's export."))


def range_cast(column: str, count: int) -> tuple[str, str]:
    text = counted(count, "A value in {column} cannot be read as a whole number. The depot's range check on "
                          "{column} then stops with a conversion error for the whole column, so the range is "
                          "not checked at all.",
                   "{n} values in {column} cannot be read as a whole number. The depot's range check on "
                   "{column} then stops with a conversion error for the whole column, so the range is "
                   "not checked at all.", column=column)
    return (text,
            _("Leave {column} empty where it is unknown, and write whole numbers elsewhere.").format(column=column))


def extra_empty(count: int, first: int, expected: int, refused: bool, sniffed: int) -> tuple[str, str]:
    where = counted(count, "Line {first} ends with more values than the header's {expected}, the extra ones "
                           "all empty.",
                    "{n} lines end with more values than the header's {expected}, the extra ones all empty "
                    "(first: line {first}).", first=number(first), expected=expected)
    depot_does = (_("The depot's reader refuses a file with such a line among its first {rows} rows.").format(
                      rows=number(sniffed))
                  if refused else _("The depot accepts the file and drops the extra empty values."))
    return (where + " " + depot_does,
            _("Remove the extra delimiters at the end of these lines (the export adds empty columns)."))


def _filled(texts: tuple[str, str], **values) -> tuple[str, str]:
    """Both texts with their placeholders filled (a text may use some of them, or none)."""
    return texts[0].format(**values), texts[1].format(**values)


def checked_with_the_others() -> str:
    return _("Another file of this table is checked line by line, and the files of one table are compared "
             "with each other, so this one is checked again with it.")
