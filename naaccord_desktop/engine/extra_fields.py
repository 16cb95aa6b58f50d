"""Records with more values than the header where every extra value is empty
(`a,b,c,,`). DuckDB 2.0 reads them without a word, dropping the extra values;
the depot's duckdb 0.10 refuses the file for them unless they come late
(depot.SNIFFED_ROWS). The fast path looks for them only when some line ends
with the delimiter (WholeFile.delimited_end), reading the file once more as
plain lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .progress import CancelToken
from .reader import sql_string, watched
from .result import MAX_EXAMPLES


@dataclass
class ExtraEmpty:
    count: int = 0
    lines: list[int] = field(default_factory=list)  # the first physical lines
    first_record: int = 0  # data record (1-based) of the first one


def extra_empty_records(con: duckdb.DuckDBPyConnection, path: Path, delimiter: str, encoding: str, expected: int,
                        header_lines: int, max_line_size: int, cancel: CancelToken,
                        examples: int | None = MAX_EXAMPLES) -> ExtraEmpty:
    """Lines of a file whose records each fit on one line (no line break inside quotes);
    `examples`: how many of their lines to list (None: all)."""
    d = delimiter.replace("'", "''")
    unquoted = "regexp_replace(line, '\"[^\"]*\"', '', 'g')"  # quoted values may hold the delimiter
    fields = f"length({unquoted}) - length(replace({unquoted}, '{d}', '')) + 1"
    # Every physical line as one value (a blank line is a NULL row).
    lines = (f"read_csv('{sql_string(str(path))}', delim=chr(0), quote='', escape='', header=false, "
             f"auto_detect=false, columns={{'line': 'VARCHAR'}}, strict_mode=false, encoding='{encoding}', "
             f"max_line_size={int(max_line_size)})")
    extra = f"ends_with(line, '{d}') AND {fields} > {expected}"
    limit = "" if examples is None else f" LIMIT {int(examples)}"
    numbered = f"SELECT row_number() OVER () AS n, line FROM {lines}"  # in file order: on one thread
    sql = (f"WITH hits AS (SELECT n FROM ({numbered}) WHERE n > {header_lines} AND {extra}) "
           f"SELECT (SELECT count(*) FROM hits), (SELECT list(n) FROM (SELECT n FROM hits ORDER BY n{limit}))")
    with watched(con, cancel, None):  # a count on every thread first: most files have none
        count, first = (0, []) if con.execute(f"SELECT count(*) FROM {lines} WHERE {extra}").fetchone()[0] == 0 \
            else con.execute(sql).fetchone()
    first = list(first or [])
    return ExtraEmpty(count, first, first[0] - header_lines if first else 0)
