"""`commonplan sync-derived`: a pull request that brings the files made from the data (the
issue form, CODEOWNERS) back in step after a proposal or team was added on the default
branch, in GitHub's editor say.

A pull request, not a commit straight to the branch: CODEOWNERS decides who must approve
changes to each plan, so a change to it goes through the same review as any other (and a
protected branch refuses a bot's push anyway). One pull request is kept open at a time:
later pushes bring its branch up to date instead of opening another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from commonplan.github.remote import PullRequest, Remote, RemoteError
from commonplan.language import ENGLISH, Language, say

# The pull request, its branch and its commits are records for the maintainers, in English.
BRANCH_PREFIX = "commonplan/in-step-"
TITLE = "Bring the feedback form and CODEOWNERS in step with the plans and teams"


@dataclass
class Proposal:
    """What sync-derived did: the files that were behind, and the pull request for them."""

    behind: list[str] = field(default_factory=list)
    pull: PullRequest | None = None
    opened: bool = False  # a new pull request, not one brought up to date

    def text(self, t: Language = ENGLISH) -> str:
        """What was done, in the language ``t`` (the person who ran the command's)."""
        if not self.behind:
            return t("The issue form and CODEOWNERS are in step with the data: nothing to do.")
        assert self.pull is not None
        files = ", ".join(self.behind)
        # Translators: {files} are paths of files, {url} the pull request's address.
        opened = (
            say(
                "Opened pull request #{number} for {files}: {url}",
                number=self.pull.number,
                files=files,
                url=self.pull.url,
            )
            if self.opened
            else say(
                "Brought up to date pull request #{number} for {files}: {url}",
                number=self.pull.number,
                files=files,
                url=self.pull.url,
            )
        )
        return opened.in_language(t)


def body(behind: list[str]) -> str:
    files = "\n".join(f"- `{rel}`" for rel in behind)
    return (
        "A proposal or team changed, and these files are made from them:\n\n"
        f"{files}\n\n"
        "Merge this so that the feedback form lists every plan and each plan's owners review"
        " changes to it. Made by `commonplan sync-derived`; it changes nothing else. (A pull"
        " request opened by a workflow starts no other workflow, so the Validate check does"
        " not run on it: `commonplan sync-derived` made the files from data that had passed"
        " `commonplan validate`.)\n"
    )


def propose_in_step(remote: Remote, wanted: dict[str, str], base: str) -> Proposal:
    """Open, or bring up to date, the one pull request that makes ``base``'s generated files
    what ``wanted`` (path → text) says."""
    behind = sorted(rel for rel, text in wanted.items() if remote.file_text(rel, base) != text)
    if not behind:
        return Proposal()
    base_sha = remote.branch_sha(base)
    if base_sha is None:
        raise RemoteError(say("the base branch '{branch}' does not exist", branch=base))
    ours = [
        pull
        for pull in remote.open_pulls()
        if pull.head.startswith(BRANCH_PREFIX) and not pull.from_fork
    ]
    pull = min(ours, key=lambda p: p.number) if ours else None
    branch = pull.head if pull is not None else BRANCH_PREFIX + base_sha[:12]
    if pull is None and remote.branch_sha(branch) is None:
        remote.create_branch(branch, base_sha)
    for rel in behind:
        if remote.file_text(rel, branch) != wanted[rel]:
            remote.put_file(rel, branch, wanted[rel], f"Bring {rel} in step with the data")
    if pull is not None:
        return Proposal(behind, pull)
    return Proposal(behind, remote.create_pull(TITLE, body(behind), branch, base), opened=True)
