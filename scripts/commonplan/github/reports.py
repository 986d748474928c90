"""What the bot says when `ingest` records a report to the moderators (the report form).

A report is never feedback: it adds one entry to the reported feedback's `reports:` (when,
why, the issue's address), in a pull request like any change, and the issue mentions the
moderators' GitHub handles so that they hear of it at once. What the reporter wrote stays
on GitHub. The reporter is answered in the language of the form they wrote with; the
pull request is written in the site's default language.
"""

from __future__ import annotations

from commonplan.corpus import Corpus
from commonplan.github.notices import needs_info_marker, quoted
from commonplan.language import ENGLISH, Language

REPORTED_MARKER = "<!-- commonplan:reported -->"


def moderators_handles(corpus: Corpus) -> list[str]:
    """The GitHub handles of every moderating team, each once, in the order they are named."""
    handles: dict[str, None] = {}
    for team_id in corpus.settings.moderators:
        team = corpus.teams.get(team_id)
        for handle in team.github if team else ():
            handles.setdefault(f"@{handle}", None)
    return list(handles)


def report_needs_info(problems: list[str], checked_text: str, t: Language = ENGLISH) -> str:
    lines = [
        needs_info_marker(checked_text),
        t("Thank you for telling us. We could not pass this report to the moderators yet:"),
        "",
        *(f"- {quoted(problem)}" for problem in problems),
        "",
        t(
            "Please edit this issue (the '...' menu at the top right of it, then 'Edit') and we"
            " will try again automatically."
        ),
    ]
    return "\n".join(lines) + "\n"


def report_recorded(
    corpus: Corpus, feedback_id: str, pull_url: str | None, t: Language = ENGLISH
) -> str:
    """Said to the reporter, in the language of the form they wrote with (``t``)."""
    handles = moderators_handles(corpus)
    if handles:
        # Translators: {feedback} is a feedback's id, {handles} the moderators' GitHub names
        # (@name).
        said = t(
            "Thank you: your report on feedback `{feedback}` has been passed to the moderators."
            " The moderators ({handles}) have been told, and they decide whether to hide it. A"
            " report does not hide anything by itself."
        )
    else:
        # Translators: {feedback} is a feedback's id.
        said = t(
            "Thank you: your report on feedback `{feedback}` has been passed to the moderators."
            " The moderators will be told (this strategy has not named their GitHub names yet),"
            " and they decide whether to hide it. A report does not hide anything by itself."
        )
    lines = [REPORTED_MARKER, said.format(feedback=feedback_id, handles=" ".join(handles))]
    if pull_url:
        # Translators: {pull} is the address of a pull request on GitHub.
        counted = t("The report is counted on the website's moderation log once {pull} is merged.")
        lines += ["", counted.format(pull=pull_url)]
    return "\n".join(lines) + "\n"


def report_pull_body(corpus: Corpus, source_url: str, rel: str, t: Language = ENGLISH) -> str:
    """Said to the moderators, in the site's default language (``t``)."""
    # Translators: stands for the moderators' GitHub names when the strategy names none.
    handles = " ".join(moderators_handles(corpus)) or t.p("who is asked", "the moderators")
    # Translators: {source} is the address of an issue, {file} a file's path.
    came = t(
        "A report to the moderators from {source}, added to `{file}` by `commonplan ingest`:"
        " the date, the reason and the issue, not the report's words."
    )
    # Translators: {handles} is the moderators' GitHub names (@name), or "the moderators".
    decide = t(
        "{handles}: please read the report and decide. To hide the feedback, add `commonplan"
        " hide` to this pull request; merging it as it is only counts the report."
    )
    return f"{came.format(source=source_url, file=rel)}\n\n{decide.format(handles=handles)}\n"
