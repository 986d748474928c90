"""Words people use for groups and views map onto the ids in the files."""

from __future__ import annotations

import pytest

from commonplan.config import DEFAULT_GROUPS
from commonplan.terms import UnknownWord
from commonplan.vocabulary import resolve_group, resolve_stance


@pytest.mark.parametrize(
    ("said", "group"),
    [
        ("carer", "carer"),
        ("Carers", "carer"),
        ("  CARERS. ", "carer"),
        ("Residents and people who use services", "citizen"),
        ("resident", "citizen"),
        ("neighbour", "family"),
        ("Voluntary organisation", "voluntary-org"),
    ],
)
def test_groups_by_id_label_or_word(said: str, group: str) -> None:
    assert resolve_group(said, DEFAULT_GROUPS) == group


def test_an_unclear_group_lists_the_choices() -> None:
    with pytest.raises(UnknownWord) as refused:
        resolve_group("people", {"a": "People here", "b": "People there"})  # ambiguous
    assert "use one of: a (People here), b (People there)" in str(refused.value)
    with pytest.raises(UnknownWord, match=r"did you mean 'carer'"):
        resolve_group("carr", DEFAULT_GROUPS)


@pytest.mark.parametrize(
    ("said", "stance"),
    [
        ("concern", "concern"),
        ("I have a concern", "concern"),
        ("Idea", "idea"),
        ("questions", "question"),
        ("From experience", "experience"),
    ],
)
def test_stances(said: str, stance: str) -> None:
    assert resolve_stance(said) == stance


def test_an_unknown_stance_is_refused() -> None:
    with pytest.raises(UnknownWord, match="is not a view"):
        resolve_stance("meh")


@pytest.mark.parametrize(
    "words",
    ["No objection", "Do not support", "I don't support it", "questionable", "unsupportive"],
)
def test_a_stance_is_never_guessed_from_words_that_could_mean_the_opposite(words: str) -> None:
    with pytest.raises(UnknownWord):
        resolve_stance(words)


@pytest.mark.parametrize(
    ("words", "stance"),
    [
        ("concerns", "concern"),
        ("I object", "objection"),
        ("I have an idea", "idea"),
        ("Questions", "question"),
        ("support", "support"),
    ],
)
def test_a_stance_in_a_few_plain_words(words: str, stance: str) -> None:
    assert resolve_stance(words) == stance
