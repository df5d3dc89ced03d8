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
    party = get_party("Pirate Party UK")
    assert (party.code, party.name) == ("Pirate Party UK", "Pirate Party UK")
    assert party.colour == get_party("Other").colour


def test_palette_follows_the_commons_library():
    assert get_party("Con").colour == "#0063ba"
    assert get_party("Lab").colour == "#d50000"
    assert get_party("LD").colour == "#faa01a"
    codes = [p.code for p in known_parties()]
    assert len(codes) == len(set(codes))


def raw_table():
    """The party table as the file holds it, before any lookup is built."""
    import json
    from importlib import resources

    text = resources.files("mapping").joinpath("data/parties.json").read_text()
    return json.loads(text)["parties"]


def test_the_table_names_each_code_once():
    codes = [entry["code"] for entry in raw_table()]
    assert sorted(codes) == sorted(set(codes)), "a code appears twice"


def test_no_spelling_names_two_parties():
    from mapping.parties import _key

    owner = {}
    for entry in raw_table():
        for spelling in {entry["code"], entry["name"], *entry["aliases"]}:
            claimed = owner.setdefault(_key(spelling), entry["code"])
            assert claimed == entry["code"], (
                f"{spelling!r} names both {claimed} and {entry['code']}"
            )


def test_every_colour_is_a_hex_colour():
    import re

    for entry in raw_table():
        assert re.fullmatch(r"#[0-9a-f]{6}", entry["colour"]), entry
