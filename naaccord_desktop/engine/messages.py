"""The plain words of every finding: what is wrong and how to fix it.

Messages never quote cell values (those travel in `Finding.values`, which
the shareable exports leave out)."""

from __future__ import annotations

from pathlib import Path


def header(code: str, column: str, spelled: str | None) -> tuple[str, str]:
    texts = {
        "header.no_patient_id": (
            "The header has no cohortPatientId column, so the depot cannot tell whose rows these are.",
            "Name the patient ID column exactly cohortPatientId in the first line of the file.",
        ),
        "header.missing_column": (
            f"The column {column} is missing from the header.",
            f"Add the column {column} to the header (its cells may stay empty where the definition allows).",
        ),
        "header.extra_column": (
            f"The column {column} is not part of this table's definition; it will not be checked.",
            "Remove the column, or check that the table type is right.",
        ),
        "header.case_mismatch": (
            f"The column {column} is written differently in the header ({spelled!r}).",
            f"Write the column name exactly as {column}.",
        ),
        "header.duplicate_column": (
            f"The column name {column} appears more than once in the header; only the first is checked.",
            "Give every column its own name, or remove the copy.",
        ),
    }
    return texts[code]


def structure(code: str, expected: int) -> tuple[str, str]:
    texts = {
        "structure.too_many_fields": (
            f"Some lines have more values than the header's {expected} columns.",
            "Look for an extra delimiter or a value with a comma that is not in quotes.",
        ),
        "structure.too_few_fields": (
            f"Some lines have fewer values than the header's {expected} columns.",
            "Look for missing delimiters or lines cut in two.",
        ),
        "structure.unclosed_quote": (
            "A quote opens a value and is never closed, so the rest of the file reads as one value.",
            "Close the quote, or remove it if the value needs none.",
        ),
        "structure.blank_line": (
            "The file has empty lines between its records; they are skipped.",
            "Remove the empty lines.",
        ),
        "structure.stray_quote": (
            "A quote stands in the wrong place inside a value.",
            'Put the whole value in quotes and double any quote inside it ("").',
        ),
    }
    return texts[code]


def encoding(line: int, byte: int, char: str, guess: str, read_as: str, column: str = "") -> tuple[str, str]:
    """The first byte that is not UTF-8: the byte, the character it probably
    is in the `guess`ed encoding, and the column when it is known."""
    where = f"line {line:,}" + (f", in the {column} column," if column else "")
    return (
        f"This file is not UTF-8: {where} has the byte 0x{byte:02X} (probably {char!r} in {guess}). "
        f"It was read as {read_as} for this check, but the depot rejects it.",
        "Save it as UTF-8 from your export tool (in Excel: 'CSV UTF-8').",
    )


def value(code: str, column: str, detail: str = "") -> tuple[str, str]:
    texts = {
        "value.missing": (
            f"{column} is empty where a value is required.",
            f"Fill in {column} on these lines.",
        ),
        "value.whitespace": (
            f"Values in {column} have spaces before or after them.",
            "Remove the leading and trailing spaces.",
        ),
        "value.na_token": (
            f"{column} has placeholders such as NA, N/A, NULL or . instead of a {detail}; "
            "the depot accepts them as text, but they are not in the documented form.",
            f"Leave {column} empty where the value is unknown (if the definition allows), "
            "or write the real value.",
        ),
        "enum.invalid": (
            f"{column} has values that are not in the allowed list ({detail}).",
            f"Use one of the allowed values for {column}.",
        ),
        "enum.case": (
            f"{column} has allowed values written with different capitals or spaces.",
            f"Write them exactly as listed ({detail}).",
        ),
        "date.invalid": (
            f"{column} has values that are not real dates written as YYYY-MM-DD.",
            "Write dates as YYYY-MM-DD, for example 2020-01-15.",
        ),
        "year.invalid": (
            f"{column} has values that are not a 4-digit year.",
            "Write the year with four digits, for example 1975.",
        ),
        "numeric.invalid": (
            f"{column} has values that are not numbers.",
            "Write a plain number such as 12 or 4.5, or leave the cell empty if allowed.",
        ),
        "range.out_of_range": (
            f"{column} has values outside the allowed range {detail}.",
            "Correct the values; the range includes both ends.",
        ),
        "unique.duplicate": (
            f"{column} has values that appear on more than one line; each must appear once.",
            "Keep one line per value.",
        ),
        "required_when.missing": (
            f"{column} is empty on lines where {detail}, so it is required there.",
            f"Fill in {column} on these lines.",
        ),
        "forbidden_when.present": (
            f"{column} has a value on lines where {detail}, so it should be empty there.",
            f"Remove {column} on these lines, or check the other column.",
        ),
        "patient_id.unknown": (
            "Some patient IDs are not in the patient file; the depot rejects the file for this.",
            "Remove these rows, or add the patients to the patient file first.",
        ),
    }
    return texts[code]


def missing_column(column: str, needed: int, where: str) -> tuple[str, str]:
    """A column the header lacks, judged on the rows of this file."""
    if needed:
        rows = "1 row needs" if needed == 1 else f"{needed:,} rows need"
        return (f"The column {column} is missing from the header, and {rows} a value in it"
                + (f" ({where})." if where else "."),
                f"Add the column {column} to the header and fill it in"
                + (f" {where}." if where else "."))
    return (f"The column {column} is missing from the header; no row of this file needs a value in it"
            + (f" (only rows {where} would)." if where else "."),
            f"Add the column {column} to the header (its cells may stay empty).")


def recommended(column: str, advice: str) -> tuple[str, str]:
    return f"{column} is empty. {advice}", f"Fill in {column} where you can."


def table(code: str, table_name: str) -> tuple[str, str]:
    texts = {
        "table.no_patient_file": (
            f"The {table_name} file cannot be checked against patients: "
            "the submission has no patient file, and the depot needs it first.",
            "Add the patient file to this check (and upload it first).",
        ),
        "table.patient_file_unusable": (
            f"The depot would refuse the patient file (see its findings), and then this {table_name} file "
            "too: it takes no other table before it holds a patient file.",
            "Fix the patient file first (see its findings), then check again.",
        ),
        "table.header_mismatch": (
            f"The files of the {table_name} table do not have the same columns.",
            "Give every file of one table the same header.",
        ),
    }
    return texts[code]


def several_patient_files(names: list[str]) -> tuple[str, str]:
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return (f"The depot keeps one patient file: {listed} are all patient files, and each one uploaded "
            "replaces the one before. The other files' patient IDs were compared with all of them "
            "together, so an ID missing from the file you keep may not be reported."
            if len(names) > 2 else
            f"The depot keeps one patient file: {listed} are both patient files, and the second one uploaded "
            "replaces the first. The other files' patient IDs were compared with both together, "
            "so an ID missing from the file you keep may not be reported.",
            "Keep the current one: leave the others out of this check (or merge them into one file) and "
            "check again.")


def also_in(others: list[tuple[str, int, list[int]]]) -> str:
    """Where else the duplicated values are: (file name, rows, first lines) per other file."""
    parts = [f"{name} ({'line' if count == 1 else f'{count:,} lines, first:'} {', '.join(map(str, lines))})"
             for name, count, lines in others]
    return "Some of these values are also in " + "; ".join(parts) + "."


def changed(path: Path, before: tuple[int, int], after: tuple[int, int] | None, read: int) -> tuple[str, str]:
    """The file was written to while it was checked: (size, modification time) before and after."""
    if after is None:
        what = "it was moved or deleted before the check ended"
    elif after[0] != before[0]:
        what = f"its size went from {before[0]:,} to {after[0]:,} bytes"
    elif read != before[0]:
        what = f"{read:,} of its {before[0]:,} bytes could be read"
    else:
        what = "it was saved again"
    return (f"{path.name} changed while it was checked ({what}), so these results may not describe the file "
            "as it is now, and no receipt can be written for it.",
            "Wait until the export that writes the file has finished, then check it again.")


def no_rows() -> tuple[str, str]:
    return ("The file holds a header but no data rows, so there is nothing to check in it.",
            "Export the table again with its rows, or leave this file out if the table is empty on purpose.")


def unreadable(reason: str) -> tuple[str, str]:
    return f"The file cannot be read: {reason}", "Check that the file is a CSV export and try again."


def scratch_full(path: Path, size: int, scratch: Path) -> tuple[str, str]:
    """The disk that holds the temporary copies is full (the source is only ever read)."""
    needed = max(2 * size, 1 << 20)
    return (f"The disk that holds the app's temporary copies is full, so {path.name} was not checked to the "
            f"end. Checking it needs up to about {needed / (1 << 20):,.0f} MB free in {scratch}.",
            "Free some space on that disk, or choose a scratch location on a disk with more room in "
            "Settings, and check again.")


def cannot_open(path: Path, exc: OSError, during: bool) -> tuple[str, str]:
    """A file the system would not give us (at the start, or `during` the check),
    or the scratch folder refusing the app's temporary copies."""
    if exc.filename is not None and Path(exc.filename) != path:
        return ("The app could not write its temporary copies in its scratch folder (the disk may be full, "
                "or the folder not writable), so the rest of this file was not checked.",
                "Free some disk space, or choose another scratch location in the settings, and check again.")
    name, again = path.name, " any more" if during else ""
    if isinstance(exc, FileNotFoundError):
        why = "it was moved or deleted during the check" if during else "it was moved or deleted"
        fix = "Put the file back where it was, or choose it again, and check again."
    elif isinstance(exc, PermissionError):
        why = "this computer does not allow the app to open it"
        fix = "Allow your account to read the file (or copy it to your own folder) and check again."
    elif isinstance(exc, IsADirectoryError):
        why = "it is a folder, not a file"
        fix = "Choose the CSV file inside the folder."
    else:
        why = "the system refused to read it (is it on a drive that was disconnected?)"
        fix = "Make sure the file can be opened, then check again."
    return f"{name} could not be read{again}: {why}.", fix


def not_text(kind: str) -> tuple[str, str]:
    return (f"This is not a text file: it looks like {kind}.",
            "Export the table as CSV (comma-separated values, UTF-8) and check that file.")


def app_problem() -> tuple[str, str]:
    return ("This step stopped because of a problem in the app, not in your file; the rest of this file "
            "was not checked.", "Check again; if it happens again, send the app's log to the help desk.")


# --- what the depot refuses at the door, and what it would misread (engine/depot.py) -------


def suffix(name: str) -> tuple[str, str]:
    return (f"The depot takes only .csv, .tsv and .txt files, so it refuses {name} whatever it holds.",
            "Save the file with one of those endings (a CSV export, not a workbook or an archive).")


def too_large(size: int, limit: int) -> tuple[str, str]:
    return (f"The file is {size / (1 << 30):,.2f} GB; the depot refuses files above {limit / (1 << 30):,.0f} GB.",
            "Split the table into several files (the depot checks them as one table), each below the limit.")


def blank_ids(count: int) -> tuple[str, str]:
    rows = "A row has" if count == 1 else f"{count:,} rows have"
    return (f"{rows} a patient ID made of spaces only. The depot reads it as an empty ID, which is in no "
            "patient file, and refuses the upload.",
            "Fill in the patient ID on these lines, or remove the rows (an empty cell is skipped).")


def other_delimiter(name: str, found: str, read_as: str, patient: bool) -> tuple[str, str]:
    consequence = (" It would also keep no patient IDs from it, and then refuse every other file of the submission."
                   if patient else "")
    return (f"This file is {found}-separated, but the depot reads a file named {name} as {read_as}-separated "
            "once it has accepted it: every column would be one column to it, and its checks would find "
            f"none of the table's columns.{consequence}",
            f"Export the file {read_as}-separated, or name it to match (a tab-separated file must end in .tsv).")


def no_patient_list(why: str) -> tuple[str, str]:
    return (f"The depot accepts this patient file, but then keeps no patient IDs from it: {why} So it will "
            "refuse every other file of the submission as holding unknown patients.",
            "Name the patient ID column exactly cohortPatientId, with nothing around it, and use commas "
            "(tabs only in a .tsv file).")


def line_break(count: int) -> tuple[str, str]:
    rows = "A value holds" if count == 1 else f"{count:,} values hold"
    return (f"{rows} a line break inside quotes. The depot accepts the file, but its database reads such a file "
            "without quotes: it cuts these values at the line break, and drops rows whose quoted values "
            "hold a comma.",
            "Remove the line breaks from the values (replace them with a space) in the source system's export.")


def range_cast(column: str, count: int) -> tuple[str, str]:
    rows = "A value" if count == 1 else f"{count:,} values"
    return (f"{rows} in {column} cannot be read as a whole number. The depot's range check on {column} then "
            "stops with a conversion error for the whole column, so the range is not checked at all.",
            f"Leave {column} empty where it is unknown, and write whole numbers elsewhere.")


def extra_empty(count: int, first: int, expected: int, refused: bool, sniffed: int) -> tuple[str, str]:
    where = (f"Line {first:,} ends" if count == 1 else f"{count:,} lines end")
    depot_does = (f"The depot's reader refuses a file with such a line among its first {sniffed:,} rows."
                  if refused else "The depot accepts the file and drops the extra empty values.")
    return (f"{where} with more values than the header's {expected}, the extra ones all empty"
            + ("" if count == 1 else f" (first: line {first:,})") + f". {depot_does}",
            "Remove the extra delimiters at the end of these lines (the export adds empty columns).")
