"""What the bot says when `ingest` records a report to the moderators (the report form).

A report is never feedback: it adds one entry to the reported feedback's `reports:` (when,
why, the issue's address), in a pull request like any change, and the issue mentions the
moderators' GitHub handles so that they hear of it at once. What the reporter wrote stays
on GitHub.
"""

from __future__ import annotations

from commonplan.corpus import Corpus
from commonplan.github.notices import needs_info_marker, quoted

REPORTED_MARKER = "<!-- commonplan:reported -->"


def moderators_handles(corpus: Corpus) -> list[str]:
    """The GitHub handles of every moderating team, each once, in the order they are named."""
    handles: dict[str, None] = {}
    for team_id in corpus.settings.moderators:
        team = corpus.teams.get(team_id)
        for handle in team.github if team else ():
            handles.setdefault(f"@{handle}", None)
    return list(handles)


def report_needs_info(problems: list[str], checked_text: str) -> str:
    lines = [
        needs_info_marker(checked_text),
        "Thank you for telling us. We could not pass this report to the moderators yet:",
        "",
        *(f"- {quoted(problem)}" for problem in problems),
        "",
        "Please edit this issue (the '...' menu at the top right of it, then 'Edit') and we"
        " will try again automatically.",
    ]
    return "\n".join(lines) + "\n"


def report_recorded(corpus: Corpus, feedback_id: str, pull_url: str | None) -> str:
    handles = moderators_handles(corpus)
    told = (
        f"The moderators ({' '.join(handles)}) have been told"
        if handles
        else "The moderators will be told (this strategy has not named their GitHub names yet)"
    )
    lines = [
        REPORTED_MARKER,
        f"Thank you: your report on feedback `{feedback_id}` has been passed to the moderators."
        f" {told}, and they decide whether to hide it. A report does not hide anything by"
        " itself.",
    ]
    if pull_url:
        lines += [
            "",
            f"The report is counted on the website's moderation log once {pull_url} is merged.",
        ]
    return "\n".join(lines) + "\n"


def report_pull_body(corpus: Corpus, source_url: str, rel: str) -> str:
    handles = " ".join(moderators_handles(corpus)) or "the moderators"
    return (
        f"A report to the moderators from {source_url}, added to `{rel}` by"
        " `commonplan ingest`: the date, the reason and the issue, not the report's words.\n\n"
        f"{handles}: please read the report and decide. To hide the feedback, add"
        " `commonplan hide` to this pull request; merging it as it is only counts the report.\n"
    )
