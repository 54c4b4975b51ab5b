"""Issue 10 §1, §2: parsing is bounded, runs in its own process, and a CSV keeps its rows."""

import pytest
from hostile_files import (
    annual_row,
    huge_dimension,
    long_cell,
    padded_xml,
    short_row_csv,
    stray_quotes_csv,
)

from zhuanxing.reporting.importing.isolated import read_table_isolated
from zhuanxing.reporting.importing.parse import FileRejected, Limits, read_table
from zhuanxing.reporting.importing.workbooks import template_xlsx

CODES = [f"91330483MA2B0000{i}X" for i in range(5)]


def _codes(rejected) -> list[str]:
    return [p.code for p in rejected.value.problems]


def test_a_declared_huge_grid_is_refused_before_the_parser_sees_it():
    data = huge_dimension(CODES[0])
    assert len(data) < 10_000
    with pytest.raises(FileRejected, match="too_many") as rejected:
        read_table(data, kind="annual", limits=Limits())
    problems = {p.code: p for p in rejected.value.problems}
    assert problems["too_many_rows"].value == "XFD1048576"
    assert problems["too_many_columns"].params["max"] == Limits().max_columns


def test_the_parser_process_has_a_memory_limit_and_its_death_is_a_message():
    # With the declared-size checks off, the parser itself meets the 549 GB grid: it dies in
    # its own process, under its memory limit, and the caller gets a refusal, not a crash.
    unbounded = Limits(max_rows=10**7, max_columns=10**5)
    with pytest.raises(FileRejected, match="parse_failed") as rejected:
        read_table_isolated(
            huge_dimension(CODES[0]),
            filename="x.xlsx",
            kind="annual",
            limits=unbounded,
            memory_bytes=512 * 1024 * 1024,
            timeout=60,
        )
    assert rejected.value.problems[0].params["memory"] == 512


def test_a_clean_file_reads_the_same_in_its_own_process():
    data = template_xlsx("annual", [annual_row(c) for c in CODES])
    table = read_table_isolated(
        data, filename="x.xlsx", kind="annual", limits=Limits(), memory_bytes=2**30, timeout=60
    )
    assert [number for number, _ in table.rows] == [3, 4, 5, 6, 7]
    assert table.rows == read_table(data, kind="annual").rows


def test_a_cell_over_the_length_limit_is_named():
    with pytest.raises(FileRejected, match="cell_too_long") as rejected:
        read_table(long_cell(CODES[0], 2000), limits=Limits(max_cell_chars=1000))
    (problem,) = rejected.value.problems
    assert (problem.row, problem.column, problem.params["length"]) == (3, "B", 2000)


def test_expanded_size_and_compression_ratio_are_bounded():
    data = padded_xml(CODES[0], 3_000_000)
    with pytest.raises(FileRejected, match="expanded_too_large"):
        read_table(data, limits=Limits(max_expanded_bytes=2_000_000, max_zip_ratio=10**6))
    with pytest.raises(FileRejected, match="zip_ratio") as rejected:
        read_table(data, limits=Limits())
    assert rejected.value.problems[0].value == "xl/worksheets/sheet1.xml"


def test_a_csv_with_stray_quotes_is_refused_naming_the_line():
    with pytest.raises(FileRejected, match="csv_quote") as rejected:
        read_table(stray_quotes_csv(CODES), filename="a.csv")
    (problem,) = [p for p in rejected.value.problems if p.code == "csv_quote"]
    assert problem.row == 3  # the header is line 1; the second firm is on line 3
    assert problem.params == {"first": 3, "last": 5}


def test_a_csv_row_with_a_missing_field_is_refused_naming_the_line():
    with pytest.raises(FileRejected, match="csv_fields") as rejected:
        read_table(short_row_csv(CODES), filename="a.csv")
    (problem,) = rejected.value.problems
    assert problem.row == 3 and problem.params == {"found": 21, "expected": 22}


def test_every_csv_line_is_a_row():
    from zhuanxing.reporting.importing.workbooks import template_csv

    table = read_table(
        template_csv("annual", "utf-8", [annual_row(c) for c in CODES]), filename="a.csv"
    )
    assert [number for number, _ in table.rows] == [2, 3, 4, 5, 6]
