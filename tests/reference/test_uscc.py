import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhuanxing.reference.uscc import (
    CHARSET,
    check_uscc,
    make_uscc,
    organisation_code_check_character,
    uscc_check_character,
)

# Real published codes, each seen on several public pages with the same company, and each
# passing both checks. Candidates that failed a check were left out, not "fixed".
PUBLISHED = {
    "91440300708461136T": "腾讯科技（深圳）有限公司",
    "91330100716105852F": "阿里巴巴（中国）网络技术有限公司",
    "914403001922038216": "华为技术有限公司",
    "91110000802100433B": "北京百度网讯科技有限公司",
    "91110108551385082Q": "小米科技有限责任公司",
}


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_pass(code):
    result = check_uscc(code)
    assert result.valid
    assert (result.reason, result.reason_code, result.expected) == (None, None, None)


def test_input_is_stripped_and_uppercased():
    result = check_uscc("  91110108551385082q\n")
    assert result.valid and result.code == "91110108551385082Q"


def test_check_characters_by_hand():
    # Organisation code 70846113: 7·3 + 0·7 + 8·9 + 4·10 + 6·5 + 1·8 + 1·4 + 3·2 = 181;
    # 181 mod 11 = 5; 11 − 5 = 6.
    assert organisation_code_check_character("70846113") == "6"
    # 91440300708461136: Σ value × weight = 966; 966 mod 31 = 5; 31 − 5 = 26 → 'T'.
    assert uscc_check_character("91440300708461136") == "T"
    # 71846113: 181 + 1·7 = 188; 188 mod 11 = 1; 11 − 1 = 10 → 'X'.
    assert organisation_code_check_character("71846113") == "X"


def test_organisation_check_eleven_maps_to_zero():
    # 10000004: 1·3 + 4·2 = 11; 11 mod 11 = 0; 11 − 0 = 11 → '0'.
    assert organisation_code_check_character("10000004") == "0"


def test_organisation_check_letters_count_from_ten():
    # 'A' = 10 in GB 11714: A0000000 → 10·3 = 30; 30 mod 11 = 8; 11 − 8 = 3.
    assert organisation_code_check_character("A0000000") == "3"


@pytest.mark.parametrize(
    ("mutated", "expected"),
    [
        ("91540300708461136T", "H"),
        ("91430100716105852F", "6"),
        ("915403001922038216", "W"),
        ("91210000802100433B", "2"),
        ("91210108551385082Q", "F"),
    ],
)
def test_changed_character_fails_final_check(mutated, expected):
    result = check_uscc(mutated)
    assert (result.valid, result.reason_code, result.expected) == (
        False,
        "check_character",
        expected,
    )
    assert f"should be '{expected}', not '{mutated[17]}'" in result.reason


@pytest.mark.parametrize("code", PUBLISHED)
def test_wrong_final_character_reports_the_right_one(code):
    wrong = code[:17] + ("1" if code[17] != "1" else "2")
    result = check_uscc(wrong)
    assert (result.reason_code, result.expected) == ("check_character", code[17])


@pytest.mark.parametrize(
    ("mutated", "expected"),
    [
        ("91440300708461130T", "6"),  # position 17 corrupted
        ("91330100716105850F", "2"),
        ("914403001922038206", "1"),
        ("91110000802100430B", "3"),
        ("91110108551385080Q", "2"),
        ("91440300718461136T", "X"),  # position 10 changed: the org check catches it first
        ("91330100726105852F", "6"),
        ("914403001022038216", "9"),
        ("91110000812100433B", "7"),
        ("91110108561385082Q", "6"),
    ],
)
def test_organisation_code_check(mutated, expected):
    result = check_uscc(mutated)
    assert (result.valid, result.reason_code, result.expected) == (
        False,
        "organisation_code_check",
        expected,
    )
    assert f"character 17 should be '{expected}', not '{mutated[16]}'" in result.reason


@pytest.mark.parametrize("code", PUBLISHED)
@pytest.mark.parametrize(
    ("position", "character", "hint"),
    [(9, "O", "did you mean '0'?"), (1, "I", "did you mean '1'?"), (18, "V", "never used")],
)
def test_forbidden_letters(code, position, character, hint):
    mutated = code[: position - 1] + character + code[position:]
    result = check_uscc(mutated)
    assert (result.valid, result.reason_code, result.expected) == (
        False,
        "forbidden_character",
        None,
    )
    assert f"Character '{character}' at position {position} is not allowed" in result.reason
    assert hint in result.reason


def test_other_forbidden_characters():
    result = check_uscc("91440300-08461136T")
    assert result.reason_code == "forbidden_character"
    assert "Character '-' at position 9" in result.reason
    assert check_uscc("9144030070846113６T").reason_code == "forbidden_character"  # full-width 6


@pytest.mark.parametrize("code", PUBLISHED)
def test_wrong_length(code):
    short = check_uscc(code[:17])
    assert (short.reason_code, short.reason) == (
        "length",
        "The code must be 18 characters, got 17.",
    )
    assert check_uscc(code + "1").reason == "The code must be 18 characters, got 19."
    assert check_uscc("").reason_code == "length"


def test_length_is_checked_before_characters_and_characters_before_checks():
    assert check_uscc("9144030070846113O").reason_code == "length"
    assert check_uscc("91440300708461130O").reason_code == "forbidden_character"


def test_make_uscc_rebuilds_published_codes():
    for code in PUBLISHED:
        assert make_uscc(code[0], code[1], code[2:8], code[8:16]) == code


def test_make_uscc_rejects_bad_parts():
    with pytest.raises(ValueError, match="division must be a 6-digit GB/T 2260 code, got '33040'"):
        make_uscc("9", "1", "33040", "70846113")
    with pytest.raises(ValueError, match="organisation code body must be 8 character"):
        make_uscc("9", "1", "330400", "7084611")
    with pytest.raises(ValueError, match="got '7084611O'"):
        make_uscc("9", "1", "330400", "7084611O")
    with pytest.raises(ValueError, match="registering department must be 1 character"):
        make_uscc("91", "1", "330400", "70846113")
    with pytest.raises(ValueError, match="first 17 characters must be 17 character"):
        uscc_check_character("9144030070846113")


characters = st.sampled_from(CHARSET)
generated_codes = st.builds(
    make_uscc,
    characters,
    characters,
    st.text("0123456789", min_size=6, max_size=6),
    st.text(CHARSET, min_size=8, max_size=8),
)


@given(generated_codes)
def test_made_codes_validate(code):
    assert check_uscc(code).valid


@given(generated_codes, st.integers(0, 17), st.sampled_from(CHARSET + "IOZSV"))
def test_any_single_substitution_is_detected(code, index, character):
    # 31 is prime and no weight is 0 mod 31, so changing one character always changes the sum
    # mod 31: every single substitution is caught (by the final check if nothing earlier).
    if code[index] == character:
        character = CHARSET[(CHARSET.index(character) + 1) % len(CHARSET)]
    assert not check_uscc(code[:index] + character + code[index + 1 :]).valid


@given(generated_codes, st.integers(0, 16), st.sampled_from(CHARSET))
def test_substitution_in_first_17_is_caught_by_final_check_alone(code, index, character):
    if code[index] == character:
        return
    first17 = code[:index] + character + code[index + 1 : 17]
    assert uscc_check_character(first17) != code[17]
