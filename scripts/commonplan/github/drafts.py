"""What an issue or a review comment asks to record, as feedback fields, and every problem
with it in the words of the form or the comment.

`from` is kept only when the author may speak for that team (their GitHub handle is on
the team's list). An issue is answered in the language of the form it was written with
(and its feedback recorded as written in it); a review comment in the site's default
language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ruamel.yaml.scalarstring import LiteralScalarString

from commonplan.corpus import Corpus
from commonplan.diagnostics import Diagnostic, one_line
from commonplan.github import notices
from commonplan.github.form import (
    CONSENT,
    LANGUAGE_EFFECTS,
    MAX_BODY_CHARS,
    QUESTION,
    QUESTIONS,
    form_language,
    group_chosen,
    read_issue_form,
    shortened,
    stance_chosen,
)
from commonplan.github.remote import Issue, ReviewComment
from commonplan.intake.candidate import Candidate, check_candidate
from commonplan.language import ENGLISH, Language, language
from commonplan.load.front_matter import FrontMatterError, split_front_matter
from commonplan.load.sections import find_sections
from commonplan.model import Team
from commonplan.vocabulary import STANCE

# "Stance: concern" / "Group: carer" lines let a reviewer say what a form would ask.
REVIEW_FIELDS = ("stance", "group")
# A problem quoting somebody's text is cut to this length, so that the reply always fits in a
# GitHub comment.
MAX_PROBLEM_CHARS = 1_000
LONG_WORD = re.compile(r"(?<!\S)\S{81,}")  # tried only where a word starts


@dataclass
class Draft:
    """Feedback fields read from GitHub, with what stops them being recorded."""

    data: dict[str, Any]
    problems: list[str]
    claim_note: str | None = None
    t: Language = ENGLISH  # the language it is answered in


def teams_of(corpus: Corpus, handle: str) -> list[Team]:
    """Teams that list this GitHub handle (handles are case-insensitive)."""
    wanted = handle.casefold()
    return [
        team
        for _, team in sorted(corpus.teams.items())
        if any(h.casefold() == wanted for h in team.github)
    ]


def issue_draft(corpus: Corpus, issue: Issue) -> Draft:
    """The feedback an issue asks for; `from` only when its author may speak for that team.
    In the language of the form it was written with (a text too long to read: of its start)."""
    code = form_language(issue.body[:MAX_BODY_CHARS], corpus.settings)
    t = language(code)
    if len(issue.body) > MAX_BODY_CHARS:
        return Draft({}, [notices.too_long(len(issue.body), MAX_BODY_CHARS, t=t)], t=t)
    form = read_issue_form(issue.body, corpus.settings)
    if not form.recognised:
        unread = t(
            "we could not find the feedback form's questions in this issue. Please open a new"
            " issue with the 'Have your say' form, or put back the headings it had."
        )
        return Draft({}, [unread], t=t)
    data: dict[str, Any] = dict(form.fields)
    effects = data.get(LANGUAGE_EFFECTS.id)
    if effects:  # its lines kept as a block, as the body's are
        data[LANGUAGE_EFFECTS.id] = LiteralScalarString(effects.strip() + "\n")
    # Translators: {question} is one of the issue form's questions.
    unanswered = t("please answer the question '{question}'.")
    problems = [unanswered.format(question=t.marked(QUESTION, q)) for q in form.missing]
    problems += form.unknown
    if not form.consent:
        box = t.marked(QUESTION, CONSENT.label)
        # Translators: {question} is the issue form's question on publishing.
        problems.append(t("please tick the box under '{question}'.").format(question=box))
    claim_note = None
    claimed = data.pop("from", None)
    if claimed is not None:
        team = corpus.teams.get(claimed)
        if team is not None and claimed in {each.id for each in teams_of(corpus, issue.author)}:
            data["from"] = claimed
        else:
            claim_note = notices.claim_refused(claimed, team, issue.author, t)
    data["submitted"] = issue.created.isoformat()
    data["source"] = {"kind": "github-issue", "ref": issue.url}
    if code != corpus.settings.languages[0]:
        data["language"] = code
    return Draft(data, problems, claim_note, t)


def section_at(text: str, line: int | None) -> str | None:
    """The anchor of the heading above ``line`` of a proposal file (None: no heading above)."""
    if line is None:
        return None
    try:
        split = split_front_matter(text)
    except FrontMatterError:
        return None
    above = [s for s in find_sections(split.body, split.body_line) if s.line <= line]
    return above[-1].anchor if above else None


def review_field(line: str) -> tuple[str, str] | None:
    """`Stance: concern` → ("stance", "concern"), `group:carer` → ("group", "carer"); None
    for any other line. String operations only: a comment is anyone's text."""
    key, colon, value = line.partition(":")
    if not colon or not value or key.strip().casefold() not in REVIEW_FIELDS:
        return None  # "Stance:" and nothing after it is text, "Stance: " a field left empty
    return key.strip().casefold(), value.strip()


def _leading_fields(body: str) -> tuple[dict[str, str], str]:
    """`Group:` and `Stance:` lines at the top of a review comment, and the text after them."""
    text = body.replace("\r\n", "\n") if "\r" in body else body
    said: dict[str, str] = {}
    at = 0
    while True:
        # Past the blank lines: to the start of the line of the next character that is not
        # a space (str.lstrip's spaces are str.strip's, which make a line blank).
        filled = len(text) - len(text[at:].lstrip())
        at = max(at, text.rfind("\n", at, filled) + 1)
        end = text.find("\n", at)
        found = review_field(text[at:] if end < 0 else text[at:end])
        if found is None or found[0] in said:
            break
        said[found[0]] = found[1]
        if end < 0:
            at = len(text)
            break
        at = end + 1
    return said, text[at:].strip()


def review_draft(corpus: Corpus, comment: ReviewComment, proposal_id: str, head_text: str) -> Draft:
    """Feedback from a review comment on a line of a proposal."""
    t = notices.site_language(corpus)
    if len(comment.body) > MAX_BODY_CHARS:
        problem = notices.too_long(len(comment.body), MAX_BODY_CHARS, review=True, t=t)
        return Draft({"proposal": proposal_id}, [problem], t=t)
    said, text = _leading_fields(comment.body)
    data: dict[str, Any] = {"proposal": proposal_id, "body": text}
    section = section_at(head_text, comment.line)
    proposal = corpus.proposals.get(proposal_id)
    # A heading the pull request adds is not on the published proposal yet: then the
    # comment is on the proposal as a whole.
    if proposal is not None and section in {s.anchor for s in proposal.sections}:
        data["section"] = section
    problems = []
    teams = teams_of(corpus, comment.author)
    if teams:
        data["from"] = teams[0].id
    groups = ", ".join(corpus.settings.groups)
    if "group" in said:
        group = group_chosen(said["group"], corpus.settings)
        if group is None:
            # Translators: keep `Group:` as it is (the line a reviewer writes); {answer} is
            # what they wrote after it, {groups} the short names of the groups.
            wrong = t("'Group: {answer}' must be one of: {groups}.")
            problems.append(wrong.format(answer=shortened(said["group"]), groups=groups))
        data["group"] = group
    elif not teams:
        # Translators: keep `Group: ...` as it is; {groups} is the groups' short names.
        asked = t("please add a line 'Group: ...' saying who you speak as, one of: {groups}.")
        problems.append(asked.format(groups=groups))
    # A comment on a line of a draft is most often a suggestion.
    stance = stance_chosen(said.get("stance", "idea"))
    if stance is None:
        # Translators: keep `Stance:` as it is; {answer} is what the reviewer wrote after
        # it, {stances} the short names of the kinds of comment.
        wrong = t("'Stance: {answer}' must be one of: {stances}.")
        stances = ", ".join(STANCE.ids())
        problems.append(wrong.format(answer=shortened(said["stance"]), stances=stances))
    data["stance"] = stance
    data["submitted"] = comment.created.isoformat()
    data["source"] = {"kind": "review-comment", "ref": comment.url}
    return Draft(data, problems, t=t)


def _in_form_words(problem: Diagnostic, t: Language) -> str:
    """A problem said in the reply's language, naming the form's question where it names
    the field its answer became: "'body' is empty" → "'What would you like to say?' is
    empty" (a field is quoted as `{field}` or `{name}` in the messages that name one)."""
    if problem.said is None:
        return problem.text(t)
    args = dict(problem.said.args)
    for placeholder in ("field", "name"):
        question = next((q for q in QUESTIONS if q.id == args.get(placeholder)), None)
        if question is not None:
            args[placeholder] = t.marked(QUESTION, question.label)
    return one_line(replace(problem.said, args=tuple(args.items())).in_language(t))


def checked(
    corpus: Corpus, feedback_id: str, draft: Draft, *, form: bool = True
) -> tuple[Candidate, list[str]]:
    """The candidate and every problem with it, the form's own ones first, in the language
    of the reply.

    When the form already lacks an answer, the rest is checked with a stand-in for it, so
    one reply can name every problem (a stand-in is never written: there are problems).
    """

    def said(problem: Diagnostic) -> str:
        return _in_form_words(problem, draft.t) if form else problem.text(draft.t)

    candidate = check_candidate(corpus, feedback_id, draft.data)
    if not draft.problems:
        return candidate, [_fits(said(p)) for p in candidate.diagnostics.errors]
    probe = dict(draft.data)
    probe.setdefault("stance", "idea")
    probe.setdefault("body", "(left empty)")
    if "from" not in probe:
        probe.setdefault("group", next(iter(corpus.settings.groups), "citizen"))
    problems = list(draft.problems)
    for problem in check_candidate(corpus, feedback_id, probe).diagnostics.errors:
        if problem.code != "missing-field":  # already asked for, in plain words
            problems.append(said(problem))
    return candidate, [_fits(problem) for problem in problems]


def _fits(problem: str) -> str:
    """A problem short enough for a reply: each long word in it (an answer quoted, a path
    made of it) is cut in its middle, and then a problem still too long keeps its start and
    its end."""
    if len(problem) <= MAX_PROBLEM_CHARS:
        return problem
    problem = LONG_WORD.sub(lambda word: f"{word[0][:40]}…{word[0][-20:]}", problem)
    if len(problem) <= MAX_PROBLEM_CHARS:
        return problem
    half = MAX_PROBLEM_CHARS // 2
    return f"{problem[:half]} … {problem[-half:]}"
