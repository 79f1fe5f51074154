from __future__ import annotations

import pytest

import policyschema as ps
from policyschema.vocabulary import Vocabulary


def test_force_is_ordered_by_strength() -> None:
    scale = ["note", "suggest", "recommend", "stress", "call_for", "urge", "instruct"]
    assert [f.value for f in sorted(ps.Force, key=lambda f: f.strength)] == scale
    assert ps.Force.NOTE < ps.Force.URGE < ps.Force.INSTRUCT
    assert ps.Force.INSTRUCT >= ps.Force.URGE
    assert max(ps.Force) is ps.Force.INSTRUCT
    with pytest.raises(TypeError):
        _ = ps.Force.URGE < ps.Modality.NONE  # type: ignore[operator]


@pytest.mark.parametrize("vocabulary", Vocabulary.__subclasses__(), ids=lambda v: v.__name__)
def test_every_value_has_a_meaning(vocabulary: type[Vocabulary]) -> None:
    for member in vocabulary:
        assert member.description.endswith(".")
        assert str(member) == member.value


def test_members_are_their_json_strings() -> None:
    assert ps.Force.URGE == "urge"
    assert "urge" == ps.Force.URGE  # noqa: SIM300 - the reflected comparison is what is tested
    assert isinstance(ps.Force.URGE, str)
    assert str(ps.Force.URGE) == f"{ps.Force.URGE}" == "urge"
    assert f"{ps.Modality.NONE:>6}" == "  none"
    assert {"urge": 1}[ps.Force.URGE] == 1  # hashes as its string
    assert ps.Force.URGE != "urged"
    # members of two vocabularies are different values even when spelt alike
    assert ps.SpeakerKind.PERSON != ps.AddresseeKind.PERSON
    assert ps.SpeakerKind.PERSON.description != ps.AddresseeKind.PERSON.description


def test_force_compares_with_plain_strings_by_strength() -> None:
    assert ps.Force.URGE > "stress"  # alphabetically "urge" > "stress" too; the next one is not
    assert ps.Force.NOTE < "call_for"  # alphabetically "note" > "call_for"
    assert "call_for" > ps.Force.NOTE  # noqa: SIM300
    assert ps.Force.STRESS <= "stress" <= ps.Force.STRESS
    assert ps.Force.INSTRUCT >= "urge"
    assert sorted(["urge", ps.Force.NOTE, ps.Force.INSTRUCT, ps.Force.STRESS])[0] is ps.Force.NOTE
    for op in ("<", "<=", ">", ">="):
        with pytest.raises(TypeError, match="urgent"):
            eval(f"ps.Force.URGE {op} 'urgent'")
        with pytest.raises(TypeError):
            eval(f"ps.Force.URGE {op} 3")
