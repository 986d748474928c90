"""The GitHub issue form for reporting a piece of feedback to the moderators, and its reader.

A second form beside the feedback form, made the same way: its reasons come from the
plugin option `moderation_reasons`, so it never offers one that validation would refuse,
and the site's "report this" links fill in the feedback's id. A report is read back into a
feedback id and a reason id; what the reporter wrote besides stays on GitHub.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from commonplan.config import OTHER_REPORT_REASON, Settings
from commonplan.corpus import Corpus
from commonplan.files import Generated
from commonplan.github.form import (
    Question,
    answers,
    every_language,
    in_language,
    label_headings,
    plain_id,
    shortened,
)
from commonplan.github.form_files import in_every_language
from commonplan.github.labels import REPORT_LABEL
from commonplan.language import ENGLISH, Language, language, mark, spoken_languages
from commonplan.urls import REPORT_FORM_FILE, report_form_file

REPORT_FORM_PATH = f".github/ISSUE_TEMPLATE/{REPORT_FORM_FILE}"  # the default language's

FEEDBACK = Question("feedback", mark("issue form question", "Which feedback are you reporting?"))
REASON = Question("reason", mark("issue form question", "Why should the moderators look at it?"))
DETAILS = Question(
    "details", mark("issue form question", "Anything else the moderators should know? (optional)")
)
QUESTIONS = (FEEDBACK, REASON, DETAILS)
ASKED = every_language(QUESTIONS)
HEADINGS = label_headings(ASKED)


def reasons(settings: Settings, t: Language = ENGLISH) -> dict[str, str]:
    """Reason id → the words the form offers: the moderation reasons, then "something else"."""
    other_id, other_label = OTHER_REPORT_REASON
    offered = {**settings.moderation_reasons, other_id: other_label}
    return {reason: t.marked("moderation reason", label) for reason, label in offered.items()}


def report_form_document(corpus: Corpus, t: Language = ENGLISH) -> dict[str, Any]:
    """The report form as data, in GitHub's issue-form schema, in ``t``'s language."""
    questions = {q.id: q.label for q in in_language(QUESTIONS, t)}
    thanks = t(
        "Thank you for telling us. The strategy's moderators read every report and decide"
        " whether to hide the feedback; a report does not hide anything by itself."
    )
    public = t("This issue is public: please do not repeat anyone's personal details here.")
    return {
        "name": t("Report feedback to the moderators"),
        "description": t(
            "Tell the moderators about feedback on the website that should not be there."
        ),
        # Translators: the start of a new report's title.
        "title": t("Report: "),
        "labels": [REPORT_LABEL],
        "body": [
            {"type": "markdown", "attributes": {"value": f"{thanks}\n\n{public}"}},
            {
                "type": "input",
                "id": FEEDBACK.id,
                "attributes": {
                    "label": questions[FEEDBACK.id],
                    # No example from the data: a new plan or feedback must not change it.
                    "description": t(
                        "The 'Report this' link beside it on the website fills this in;"
                        " otherwise, the end of its web address, after the #."
                    ),
                },
                "validations": {"required": True},
            },
            {
                "type": "dropdown",
                "id": REASON.id,
                "attributes": {
                    "label": questions[REASON.id],
                    "options": list(reasons(corpus.settings, t).values()),
                },
                "validations": {"required": True},
            },
            {
                "type": "textarea",
                "id": DETAILS.id,
                "attributes": {
                    "label": questions[DETAILS.id],
                    "description": t(
                        "Only the moderators need this; it is not copied to the website."
                    ),
                },
            },
        ],
    }


HEADER = (
    "# Made by `commonplan forms` from mkdocs.yml's moderation_reasons; do not edit by hand.\n"
    "# `commonplan validate` reports this file when it falls behind the data.\n"
)


def expected_report_forms(corpus: Corpus) -> list[Generated]:
    """The report form in each of the site's languages (`report.yml`, `report.cy.yml`)."""
    return in_every_language(
        corpus, report_form_file, report_form_document, HEADER, 'the site\'s "report this" links'
    )


@dataclass
class ReportForm:
    """What a report said: the feedback it names and why, or what is missing."""

    feedback: str | None = None
    reason: str | None = None
    problems: list[str] = field(default_factory=list)


def read_report(body: str | None, corpus: Corpus) -> ReportForm:
    """A report issue's answers, checked against the strategy: the feedback must exist."""
    raw = answers(body or "", ASKED, HEADINGS)
    form = ReportForm()
    named = plain_id(raw.get(FEEDBACK.id, ""))
    if not named:
        form.problems.append(f"'{FEEDBACK.label}' is empty: give the id of the feedback.")
    elif named not in corpus.feedback:
        form.problems.append(
            f"'{shortened(named)}' is not the id of any feedback on the website; the 'Report"
            " this' link beside the feedback fills it in."
        )
    else:
        form.feedback = named
    offered = reasons(corpus.settings)
    answer = raw.get(REASON.id, "").strip()
    by_words = {
        label.casefold(): reason
        for code in (ENGLISH.code, *spoken_languages())
        for reason, label in reasons(corpus.settings, language(code)).items()
    }
    form.reason = by_words.get(answer.casefold()) or (answer if answer in offered else None)
    if form.reason is None:
        listed = "; ".join(offered.values())
        form.problems.append(
            f"'{shortened(answer)}' is not one of the reasons; please choose one of: {listed}."
            if answer
            else f"'{REASON.label}' is empty; please choose one of: {listed}."
        )
    return form
