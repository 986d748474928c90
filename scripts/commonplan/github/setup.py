"""`commonplan setup-github`: the repository settings the loop and the site need, made sure of.

What a volunteer would otherwise click through: the labels the loop uses, GitHub Pages built
by GitHub Actions, Actions allowed to open pull requests, and the default branch protected
with code-owner review. What it cannot or should not set (the repository's visibility, the
e-mail password secret) it names with the exact setting to change.

Every setting is read first; only when every read succeeded does anything get written, so a
token without admin rights changes nothing and is told what it could not do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from commonplan.config import load_settings
from commonplan.github.labels import (
    ANSWERED_LABEL,
    FEEDBACK_LABEL,
    NEEDS_INFO_LABEL,
    RECORDED_LABEL,
    REPORT_LABEL,
    REPORTED_LABEL,
)
from commonplan.github.remote import Label, RefusedError, RepositorySettings
from commonplan.language import ENGLISH, Language, Said, in_language, say, verbatim

T = TypeVar("T")

# The loop's labels, keyed by the names in labels.py: (colour, description). The
# descriptions are the repository's, in English, like its labels' names.
LABELS: dict[str, tuple[str, str]] = {
    FEEDBACK_LABEL: ("1d76db", "Feedback on a proposal, from the form; ingest reads these"),
    RECORDED_LABEL: ("0e8a16", "The feedback is written down in a pull request"),
    NEEDS_INFO_LABEL: ("fbca04", "The feedback lacks something; the bot's comment says what"),
    ANSWERED_LABEL: ("5319e7", "The owners' answer was told on the issue"),
    REPORT_LABEL: ("d93f0b", "A report to the moderators, from the form; ingest reads these"),
    REPORTED_LABEL: ("b60205", "The report is written down and the moderators were told"),
}

# Where a setting is in GitHub's pages, in GitHub's own words (its pages are in English).
PAGES_SETTING = "Settings → Pages → Build and deployment → Source: GitHub Actions"
ACTIONS_SETTING = (
    "Settings → Actions → General → Workflow permissions →"
    " Allow GitHub Actions to create and approve pull requests"
)
VISIBILITY_SETTING = "Settings → General → Danger Zone → Change visibility → Make public"
ACTIONS_SECRETS_PAGE = "Settings → Secrets and variables → Actions → New repository secret"
RIGHTS = say(
    "Use a token of an account with admin rights on the repository (a classic token with the"
    " repo scope, or a fine-grained token with Administration: read and write)."
)


PAGES = "/pages"
WORKFLOW = "/actions/permissions/workflow"


def _branch(branch: str) -> str:
    return f"/branches/{quote(branch, safe='')}/protection"


def protection_setting(branch: str) -> Said:
    # Translators: GitHub's own words (its pages are in English) but for "a protection rule
    # for '{branch}'", which names no button.
    return say(
        "Settings → Branches → a protection rule for '{branch}' → Require a pull request"
        " before merging → Require review from Code Owners",
        branch=branch,
    )


@dataclass
class Step:
    """Something missing that this command can set: what it is, and how to set it."""

    what: Said
    setting: str | Said
    apply: Callable[[], None]


@dataclass
class SetupReport:
    """What one run found and did, for its output and its exit status."""

    repo: str
    check: bool
    missing: list[Step] = field(default_factory=list)
    done: list[Said] = field(default_factory=list)
    by_hand: list[Said] = field(default_factory=list)
    refused: list[Said] = field(default_factory=list)
    notes: list[Said] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused and not self.by_hand and not (self.check and self.missing)

    def text(self, t: Language = ENGLISH) -> str:
        """What was found and done, in the language ``t`` (the person who ran it's)."""
        lines: list[str] = []
        if self.refused:
            lines.append(
                t("The token may not read these settings of {repo}:").format(repo=self.repo)
            )
            lines += [f"  - {item.in_language(t)}" for item in self.refused]
            lines.append(say("Nothing was changed. {rights}", rights=RIGHTS).in_language(t))
            return "\n".join(lines)
        if self.check and self.missing:
            missing = t("Missing on {repo} (run without --check to set them):")
            lines.append(missing.format(repo=self.repo))
            lines += [
                f"  - {step.what.in_language(t)} ({in_language(step.setting, t)})"
                for step in self.missing
            ]
        # Translators: {item} is a setting this command set ("label 'feedback'").
        lines += [say("set: {item}", item=item).in_language(t) for item in self.done]
        if self.by_hand:
            lines.append(t("To do by hand:"))
            lines += [f"  - {item.in_language(t)}" for item in self.by_hand]
        lines += [note.in_language(t) for note in self.notes]
        if not self.missing and not self.by_hand and not self.done:
            lines.append(t("Everything is in place on {repo}.").format(repo=self.repo))
        elif self.done and not self.by_hand:
            lines.append(t("Everything is now in place on {repo}.").format(repo=self.repo))
        return "\n".join(lines)


def setup_github(remote: RepositorySettings, repo: str, root: Path, check: bool) -> SetupReport:
    """Read every setting, then (unless ``check``, and only when every read succeeded) set
    what is missing."""
    report = SetupReport(repo, check)
    imap = load_settings(root).imap

    def read(what: Said, request: Callable[[], T]) -> T | None:
        try:
            return request()
        except RefusedError as exc:
            # Translators: {what} is a setting ("the labels"), {problem} GitHub's refusal.
            report.refused.append(say("{what}: {problem}", what=what, problem=exc.said))
            return None

    facts = read(say("the repository"), remote.repository)
    labels = read(say("the labels"), remote.labels)
    pages = read(
        verbatim("GitHub Pages"),
        lambda: ("read", remote.read_json(say("read GitHub Pages"), PAGES)),
    )
    actions = read(
        say("the workflow permissions of GitHub Actions"),
        lambda: (
            "read",
            remote.read_json(say("read the workflow permissions of Actions"), WORKFLOW),
        ),
    )
    protection = None
    if facts is not None:
        branch = facts.default_branch
        protection = read(
            say("the protection of branch '{branch}'", branch=branch),
            lambda: (
                "read",
                remote.read_json(
                    say("read the protection of '{branch}'", branch=branch), _branch(branch)
                ),
            ),
        )
    if report.refused:
        return report
    assert facts is not None and labels is not None and pages is not None
    assert actions is not None and protection is not None
    branch = facts.default_branch

    if facts.private:
        # Translators: {setting} is where the setting is, in GitHub's own words.
        report.by_hand.append(
            say(
                "the repository is private: the site and the issue form are for the public,"
                " so make it public ({setting})",
                setting=VISIBILITY_SETTING,
            )
        )
    _label_steps(remote, report, labels)
    if (pages[1] or {}).get("build_type") != "workflow":
        # POST when Pages is not set up yet (409 if an earlier attempt did), else PUT.
        verb, already = ("PUT", None) if pages[1] else ("POST", 409)
        write = partial(remote.write_json, say("set GitHub Pages to build from GitHub Actions"))
        body: dict[str, Any] = {"build_type": "workflow"}
        report.missing.append(
            Step(
                say("GitHub Pages builds from GitHub Actions"),
                PAGES_SETTING,
                partial(write, verb, PAGES, body, already),
            )
        )
    permissions = actions[1] or {}
    if not permissions.get("can_approve_pull_request_reviews"):
        body = {
            # kept as it is (read, for a new repository)
            "default_workflow_permissions": permissions.get("default_workflow_permissions")
            or "read",
            "can_approve_pull_request_reviews": True,
        }
        write = partial(remote.write_json, say("allow GitHub Actions to create pull requests"))
        report.missing.append(
            Step(
                say("GitHub Actions may create pull requests"),
                ACTIONS_SETTING,
                partial(write, "PUT", WORKFLOW, body),
            )
        )
    current = protection[1] or {}
    if not (current.get("required_pull_request_reviews") or {}).get("require_code_owner_reviews"):
        protect = say("protect '{branch}' with code-owner review", branch=branch)
        write = partial(remote.write_json, protect)
        report.missing.append(
            Step(
                say("branch '{branch}' requires review from code owners", branch=branch),
                protection_setting(branch),
                partial(write, "PUT", _branch(branch), protection_body(current)),
            )
        )
    if imap is not None:
        _secret(remote, report, imap.password_env)

    if not check:
        for step in report.missing:
            step.apply()
            report.done.append(step.what)
        report.missing = []
    return report


def _label_steps(remote: RepositorySettings, report: SetupReport, labels: list[Label]) -> None:
    have = {label.name.lower(): label for label in labels}  # GitHub's names ignore case
    for name, (color, description) in LABELS.items():
        wanted = Label(name, color, description)
        found = have.get(name.lower())
        if found is None:
            report.missing.append(
                Step(
                    say("label '{label}'", label=name),
                    "Issues → Labels → New label",
                    partial(remote.create_label, wanted),
                )
            )
        elif not found.description:  # a volunteer's own description is left alone
            report.missing.append(
                Step(
                    say("a description for label '{label}'", label=name),
                    "Issues → Labels → Edit",
                    partial(remote.update_label, wanted),
                )
            )


def _secret(remote: RepositorySettings, report: SetupReport, name: str) -> None:
    # Translators: {name} is the secret's name, {setting} where to add it, in GitHub's words.
    by_hand = say(
        "mkdocs.yml reads e-mail (imap:): add the mailbox's password as a secret named"
        " {name} ({setting})",
        name=name,
        setting=ACTIONS_SECRETS_PAGE,
    )
    try:
        found = remote.read_json(say("list the Actions secrets"), "/actions/secrets") or {}
    except RefusedError:
        sure = say("Could not read the secrets' names; make sure of this: {task}", task=by_hand)
        report.notes.append(sure)
        return
    if name not in {str(secret.get("name")) for secret in found.get("secrets", [])}:
        report.by_hand.append(by_hand)


def protection_body(current: dict[str, Any]) -> dict[str, Any]:
    """The body of PUT .../protection (all four keys GitHub requires) from what GET
    answered: whatever already protects the branch is kept, code-owner review added."""
    checks = current.get("required_status_checks")
    reviews = current.get("required_pull_request_reviews") or {}
    restrictions = current.get("restrictions")
    return {
        "required_status_checks": (
            {"strict": bool(checks.get("strict")), "contexts": list(checks.get("contexts", []))}
            if checks
            else None
        ),
        "enforce_admins": bool((current.get("enforce_admins") or {}).get("enabled")),
        "required_pull_request_reviews": {
            "dismiss_stale_reviews": bool(reviews.get("dismiss_stale_reviews")),
            "require_code_owner_reviews": True,
            "required_approving_review_count": int(
                reviews.get("required_approving_review_count", 1)
            ),
        },
        "restrictions": (
            {
                "users": [u["login"] for u in restrictions.get("users", [])],
                "teams": [team["slug"] for team in restrictions.get("teams", [])],
                "apps": [app["slug"] for app in restrictions.get("apps", [])],
            }
            if restrictions
            else None
        ),
    }
