"""The words of an import report: file faults and cell details, in Chinese and English.

A rule's own message comes from the policy file (``message``, ``message_en``); a detail from
the cell (why "numeric" failed: a date, text, a fraction…) is appended. Both languages are
stored with each problem so the report reads the same whoever opens it.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhuanxing.policy import Policy

from .checks import Problem
from .formats import TEMPLATES
from .parse import FileProblem

FILE_MESSAGES = {
    "empty": gettext_lazy("The file is empty: there is nothing to import."),
    "too_large": gettext_lazy(
        "The file is %(size)s bytes; the limit is %(max)s bytes (setting IMPORT_MAX_BYTES)."
    ),
    "not_spreadsheet": gettext_lazy(
        "This is not an Excel workbook (.xlsx) or a CSV file: was another file renamed?"
    ),
    "encoding": gettext_lazy("The CSV file is neither UTF-8 nor GBK/GB18030 text."),
    "hidden_sheet": gettext_lazy(
        "The workbook has a hidden sheet: unhide and check it, or delete it, then upload again."
    ),
    "hidden_rows": gettext_lazy(
        "Rows %(value)s are hidden: unhide and check them, or delete them, then upload again."
    ),
    "hidden_columns": gettext_lazy(
        "Columns %(value)s are hidden and hold data: unhide and check them, or delete them, "
        "then upload again."
    ),
    "merged_cells": gettext_lazy(
        "Merged cells %(value)s: unmerge them so that every cell holds its own value."
    ),
    "unknown_template": gettext_lazy(
        "No template header in the first rows: download the template and copy the data into it."
    ),
    "wrong_template": gettext_lazy(
        "This file is the “%(found)s” template, not the “%(kind)s” template you chose."
    ),
    "extra_column": gettext_lazy(
        "Unknown column “%(value)s”: delete it, or use the template's header."
    ),
    "duplicate_column": gettext_lazy("The column “%(value)s” appears twice."),
    "missing_column": gettext_lazy("The column “%(value)s” is missing."),
    "no_rows": gettext_lazy("The file has a header but no data rows."),
    "kind_not_allowed": gettext_lazy("Your role may not import the “%(kind)s” template."),
    "too_many_rows": gettext_lazy(
        "The sheet reaches row %(rows)s (cell %(value)s); at most %(max)s rows are read "
        "(setting IMPORT_MAX_ROWS). Delete the empty rows and cells below your data, or split "
        "the file."
    ),
    "too_many_columns": gettext_lazy(
        "The sheet reaches column %(columns)s (cell %(value)s); at most %(max)s columns are read "
        "(setting IMPORT_MAX_COLUMNS). Delete the cells to the right of the template's columns."
    ),
    "cell_too_long": gettext_lazy(
        "Cell %(column)s%(row)s holds %(length)s characters; at most %(max)s are allowed (setting "
        "IMPORT_MAX_CELL_CHARS). Shorten it."
    ),
    "expanded_too_large": gettext_lazy(
        "The workbook expands to %(size)s bytes when opened; the limit is %(max)s bytes "
        "(setting IMPORT_MAX_EXPANDED_BYTES). Copy the data into a new template and upload that."
    ),
    "zip_ratio": gettext_lazy(
        "Part %(value)s of the workbook is compressed %(ratio)s times (the limit is %(max)s, "
        "setting IMPORT_MAX_ZIP_RATIO): this is not a normal spreadsheet. Copy the data into a "
        "new template and upload that."
    ),
    "parse_failed": gettext_lazy(
        "The file could not be read within %(memory)s MB of memory (setting "
        "IMPORT_PARSE_MEMORY_BYTES): it is damaged or far larger inside than it looks. Copy the "
        "data into a new template and upload that."
    ),
    "parse_timeout": gettext_lazy(
        "Reading the file took over %(seconds)s seconds (setting IMPORT_PARSE_TIMEOUT) and was "
        "stopped. Copy the data into a new template and upload that."
    ),
    "csv_utf16": gettext_lazy(
        "The CSV file is UTF-16 text (Excel's “Unicode text”): in Excel, save it as “CSV UTF-8 "
        "(comma delimited)” and upload it again."
    ),
    "csv_semicolon": gettext_lazy(
        "The fields are separated by semicolons, not commas: save the file as “CSV UTF-8 "
        "(comma delimited)” (or set the list separator to a comma) and upload it again."
    ),
    "header_low": gettext_lazy(
        "The header is on row %(row)s; the template has it on row 2 (row 1 in a CSV), and it is "
        "looked for in the first 5 rows only. Delete the rows above it and upload again."
    ),
    "csv_quote": gettext_lazy(
        'Lines %(first)s–%(last)s: a double quote (") in a cell opens text that runs over '
        "the following lines, so rows would move or vanish. Remove the stray quote (or the line "
        "break in the cell) and save again."
    ),
    "cell_formula_uncached": gettext_lazy(
        "Row %(row)s, column %(column)s: the formula has no value saved by Excel (the file was "
        "not saved by Excel). Open it in Excel, save it and upload again, or type the value."
    ),
    "cell_formula_dangerous": gettext_lazy(
        "Row %(row)s, column %(column)s: the formula %(value)s can run a program or reach data "
        "outside the file; replace it by the value."
    ),
    "cell_excel_error": gettext_lazy(
        "Row %(row)s, column %(column)s: %(value)s is an Excel error, not a value; correct the "
        "formula in Excel or type the value."
    ),
    "csv_fields": gettext_lazy(
        "Line %(row)s has %(found)s fields where the header has %(expected)s, so its figures "
        "would sit under the wrong headers. Check the commas in that line (a comma inside a "
        "name needs the name in double quotes)."
    ),
}

DETAILS = {
    "date": gettext_lazy("a date where a number belongs"),
    "text": gettext_lazy("not a number"),
    "fraction": gettext_lazy("a whole number is needed"),
    "too_large": gettext_lazy("the number is too large"),
    "period": gettext_lazy("write a year as 2012, a month as 2012-06"),
    "period_number": gettext_lazy(
        "the month is a number, and Excel drops its trailing zero (2015.10 becomes 2015.1): "
        "format the cell as text and type the month as 2015-10"
    ),
    "period_ambiguous": gettext_lazy(
        "2015.1 may mean January or October: type the month as 2015-01 or 2015-10"
    ),
    "period_future": gettext_lazy(
        "it is after the current period %(latest)s: only periods that have begun can be filed"
    ),
    "excel_error": gettext_lazy("%(error)s (correct the formula in Excel, or type the value)"),
    "choice": gettext_lazy("allowed: %(choices)s"),
    "industry": gettext_lazy("not a 4-digit class code"),
    "duplicate": gettext_lazy("first at row %(first)s"),
    "formula": gettext_lazy("cached value used"),
    "formula_uncached": gettext_lazy(
        "the formula has no saved value: open and save the file in Excel, or type the value"
    ),
    "formula_dangerous": gettext_lazy(
        "it runs when the file is opened in Excel: delete it and type the value"
    ),
    "uscc_number": gettext_lazy(
        "Excel turned the code into a number (9.13305E+17) and dropped its last digits: format "
        "the column as text and type the code again"
    ),
    "invisible": gettext_lazy(
        "it holds an invisible character (%(code_point)s) at position %(position)s, often "
        "copied from a web page or Word: delete it, or type the code again"
    ),
    "uscc_length": gettext_lazy("it must have 18 characters"),
    "uscc_forbidden_character": gettext_lazy("it holds a character not allowed in the code"),
    "uscc_organisation_code_check": gettext_lazy("the organisation code check fails"),
    "uscc_check_character": gettext_lazy("the check character (18th) is wrong"),
}

LANGUAGES = ("zh-hans", "en")


def template_title(kind: str) -> str:
    template = TEMPLATES.get(kind)
    if template is None:
        return kind
    return template.title_en if translation.get_language() == "en" else template.title


def file_problem_texts(problem: FileProblem) -> tuple[str, str]:
    """(Chinese, English) message of a file fault."""
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            params = {**problem.params, "value": problem.value}
            params |= {"row": problem.row, "column": problem.column}
            for key in ("found", "kind"):
                if key in params:
                    params[key] = template_title(params[key])
            text = str(FILE_MESSAGES[problem.code]) % params
            if problem.sheet and problem.code == "hidden_sheet":
                text = f"{text} ({problem.sheet})"
            texts.append(text)
    return texts[0], texts[1]


def problem_texts(problem: Problem, policy: Policy, batch_kind: str) -> tuple[str, str]:
    """(Chinese, English) message of a cell problem: the rule's message and the detail."""
    rule = next((r for r in policy.reporting.validation_rules if r.key == problem.rule), None)
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            if rule is not None:
                base = rule.message_en if language == "en" else rule.message
            else:
                base = _("Check failed: %(rule)s") % {"rule": problem.rule}
            detail = _detail(problem, batch_kind)
            separator = ": " if language == "en" else "："
            texts.append(f"{base}{separator}{detail}" if detail else base)
    return texts[0], texts[1]


def _detail(problem: Problem, kind: str) -> str:
    if problem.code not in DETAILS:
        return ""
    params = dict(problem.params)
    if problem.code == "choice":
        column = TEMPLATES[kind].column(problem.field)
        params["choices"] = "/".join(column.choices)
    return str(DETAILS[problem.code]) % params if params else str(DETAILS[problem.code])
