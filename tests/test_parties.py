"""The party lookup: aliases, names and colours in one place."""

import pytest

from mapping.parties import get_party, known_parties, party_code


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Lab Coop", "Lab"),
        ("Labour", "Lab"),
        ("lab co-op", "Lab"),
        ("UCUNF", "UUP"),
        ("Brexit", "BRX"),
        ("Alliance", "APNI"),
        ("Speaker", "Spk"),
        ("  Con ", "Con"),
    ],
)
def test_aliases_map_to_one_code(label, code):
    assert party_code(label) == code


def test_unknown_party_keeps_its_code_and_a_neutral_colour():
    party = get_party("BGPV")
    assert (party.code, party.name) == ("BGPV", "BGPV")
    assert party.colour == get_party("Other").colour


def test_palette_follows_the_commons_library():
    assert get_party("Con").colour == "#0063ba"
    assert get_party("Lab").colour == "#d50000"
    assert get_party("LD").colour == "#faa01a"
    codes = [p.code for p in known_parties()]
    assert len(codes) == len(set(codes))
