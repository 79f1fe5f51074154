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
