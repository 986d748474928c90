"""The one front-matter splitter: the same fields and body whatever the line endings."""

from __future__ import annotations

import pytest

from commonplan.history.git import Snapshot
from commonplan.load.front_matter import FrontMatterError, body_of, split_front_matter

TEXT = "---\ntitle: T\nrevisions:\n  - version: 2\n---\n## Body\n\nText.\n"


@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_fields_and_body_are_the_same_with_any_line_ending(ending: str) -> None:
    split = split_front_matter(TEXT.replace("\n", ending))
    assert split.fields == "title: T\nrevisions:\n  - version: 2\n"
    assert (split.body, split.body_line) == ("## Body\n\nText.\n", 6)


def test_a_git_blob_saved_on_windows_keeps_its_version_and_body() -> None:
    snapshot = Snapshot("c0ffee", None, TEXT.replace("\n", "\r\n"))  # type: ignore[arg-type]
    assert (snapshot.version, snapshot.body) == (2, "## Body\n\nText.\n")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("title: T\n---\n", "the first line is not '---'"),
        ("---\ntitle: T\n", "never closed"),
    ],
)
def test_text_without_closed_front_matter_is_refused_and_read_as_all_body(
    text: str, says: str
) -> None:
    with pytest.raises(FrontMatterError, match=says):
        split_front_matter(text)
    assert body_of(text) == text
