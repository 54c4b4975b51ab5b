"""Unified Social Credit Code (统一社会信用代码, GB 32100-2015) check and construction.

Layout (1-based positions): 1 registering department, 2 entity type, 3-8 the registering
authority's GB/T 2260 code, 9-17 the organisation code (GB 11714: 8 body characters and its own
check character at 17), 18 the check character. Positions 3-8 say where a firm registered, not
where it is (provincial registrations carry 330000): never infer a county from them.
"""

from dataclasses import dataclass

LENGTH = 18
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# The letters left out of CHARSET, and the digit each is most often typed for.
_LOOKALIKES = {"I": "1", "O": "0", "Z": "2", "S": "5", "V": None}

# Position i weight is 3**i mod 31 (GB 32100-2015, 5.2).
_CHECK_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation-code weights for the 8 body characters.
_ORGANISATION_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

REASON_LENGTH = "length"
REASON_FORBIDDEN_CHARACTER = "forbidden_character"
REASON_ORGANISATION_CODE_CHECK = "organisation_code_check"
REASON_CHECK_CHARACTER = "check_character"


@dataclass(frozen=True)
class UsccResult:
    code: str  # as checked: stripped and uppercased
    valid: bool
    reason: str | None = None  # an English sentence for the clerk
    expected: str | None = None  # the correct check character, when a check failed
    reason_code: str | None = None  # stable id: one of the REASON_* constants


def organisation_code_check_character(body8: str) -> str:
    """GB 11714 check character for 8 body characters (digits; letters count A=10 ... Z=35)."""
    _require(body8, 8, "organisation code body")
    total = sum(
        _organisation_value(c) * w for c, w in zip(body8, _ORGANISATION_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_check_character(first17: str) -> str:
    """The 18th character for the first 17 (GB 32100-2015 mod-31 check)."""
    _require(first17, 17, "first 17 characters")
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, _CHECK_WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def make_uscc(department: str, entity_type: str, division: str, org_body: str) -> str:
    """Build a valid code, computing both check characters (for synthetic data).

    ``department`` and ``entity_type`` are one character each (e.g. "9" 工商, "1" 企业),
    ``division`` a 6-digit GB/T 2260 code, ``org_body`` the 8 organisation-code body characters.
    """
    _require(department, 1, "registering department")
    _require(entity_type, 1, "entity type")
    if len(division) != 6 or not division.isdigit() or not division.isascii():
        raise ValueError(f"division must be a 6-digit GB/T 2260 code, got {division!r}")
    organisation_code = org_body + organisation_code_check_character(org_body)
    first17 = department + entity_type + division + organisation_code
    return first17 + uscc_check_character(first17)


def check_uscc(code: str) -> UsccResult:
    """Check a code: length, then characters, then the organisation-code check, then position 18."""
    code = code.strip().upper()
    if len(code) != LENGTH:
        return _fail(code, REASON_LENGTH, f"The code must be 18 characters, got {len(code)}.")
    for position, character in enumerate(code, start=1):
        if character not in CHARSET:
            return _fail(code, REASON_FORBIDDEN_CHARACTER, _forbidden_message(character, position))
    expected = organisation_code_check_character(code[8:16])
    if code[16] != expected:
        return _fail(
            code,
            REASON_ORGANISATION_CODE_CHECK,
            f"The organisation code (characters 9-17) does not check: character 17 should be "
            f"'{expected}', not '{code[16]}'. Compare characters 9-17 with the licence.",
            expected,
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return _fail(
            code,
            REASON_CHECK_CHARACTER,
            f"The check character (position 18) should be '{expected}', not '{code[17]}': "
            "a character is probably mistyped. Compare the whole code with the licence.",
            expected,
        )
    return UsccResult(code=code, valid=True)


def _fail(code: str, reason_code: str, reason: str, expected: str | None = None) -> UsccResult:
    return UsccResult(code, False, reason, expected, reason_code)


def _forbidden_message(character: str, position: int) -> str:
    if character in _LOOKALIKES:
        hint = f" (did you mean '{_LOOKALIKES[character]}'?)" if _LOOKALIKES[character] else ""
        return (
            f"Character '{character}' at position {position} is not allowed: the letters "
            f"I, O, Z, S and V are never used{hint}."
        )
    return (
        f"Character '{character}' at position {position} is not allowed: only digits and the "
        "letters A-Y except I, O, S and V are used."
    )


def _organisation_value(character: str) -> int:
    return int(character) if character.isdigit() else ord(character) - 55


def _require(value: str, length: int, what: str) -> None:
    if len(value) != length or any(c not in CHARSET for c in value):
        raise ValueError(f"{what} must be {length} character(s) from {CHARSET}, got {value!r}")
