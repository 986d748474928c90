"""`commonplan init`: a complete strategy repository for a new organisation, in one go.

Everything is written into a staging folder beside the target first and checked there
(0 errors, as `commonplan validate` would say), then moved into place: a refused or failed
start leaves nothing behind, and a folder that already holds anything is never touched.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commonplan import __version__
from commonplan.config import DEFAULT_GROUPS
from commonplan.errors import CommonplanError
from commonplan.fields import SLUG
from commonplan.files import write_atomic
from commonplan.instance.manifest import is_own, write_manifest
from commonplan.instance.templates import instance_files
from commonplan.language import (
    ENGLISH,
    SOURCE_LANGUAGE,
    Language,
    Said,
    has_catalog,
    language,
    said_list,
    say,
    spoken_languages,
)
from commonplan.organise.edit import write_edit
from commonplan.organise.scaffold import new_proposal, new_team
from commonplan.report import as_lines
from commonplan.repository import check_repository, generated_files
from commonplan.vocabulary import STANCE
from commonplan.words import listing

REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+\Z")
FIRST_PROPOSAL = "first-plan"


@dataclass(frozen=True)
class Instance:
    """What a new strategy is called and where it lives."""

    name: str
    repo: str
    email: str | None = None
    site_url: str | None = None
    groups: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_GROUPS))
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)  # the first is the site's default
    # Language → group id → its label, as the strategy gives them (`upgrade` reads them);
    # without, the platform's words for its default groups, and others as written.
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def team_id(self) -> str:
        """The organisation's own team: its name as an id."""
        words = re.sub(r"[^a-z0-9]+", "-", self.name.casefold()).strip("-")
        return words[:60].rstrip("-") or "organisers"

    @property
    def url(self) -> str:
        owner, name = self.repo.split("/")
        return self.site_url or f"https://{owner.lower()}.github.io/{name}/"


def problems_with(instance: Instance) -> list[str]:
    """Everything wrong with the options, in plain words (empty when they are fine)."""
    return [str(problem) for problem in said_problems(instance)]


def said_problems(instance: Instance) -> list[Said]:
    """Everything wrong with the options, to be said in the language of the person who gave
    them (empty when they are fine)."""
    problems = []
    if not instance.name.strip():
        problems.append(say("--name is empty: give the strategy's name, as people know it"))
    if not REPO.match(instance.repo):
        problems.append(
            say("--repo '{repo}' is not a GitHub repository; write OWNER/NAME", repo=instance.repo)
        )
    if instance.email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", instance.email):
        problems.append(say("--email '{email}' is not an e-mail address", email=instance.email))
    if instance.site_url is not None and not re.match(r"https?://\S+\Z", instance.site_url):
        problems.append(say("--site-url '{url}' is not a web address", url=instance.site_url))
    for code in instance.languages:
        if not has_catalog(code):
            # Translators: {code} is what was given, {codes} the languages' codes ("en, cy").
            problems.append(
                say(
                    "--languages: the platform has no words in '{code}' (it has {codes})",
                    code=code,
                    codes=", ".join([SOURCE_LANGUAGE, *spoken_languages()]),
                )
            )
    if len(set(instance.languages)) != len(instance.languages):
        problems.append(say("--languages names a language twice"))
    if not instance.groups:
        problems.append(say("give at least one stakeholder group: --group carer=Carers"))
    for group_id, label in instance.groups.items():
        if not SLUG.match(group_id):
            problems.append(
                say(
                    "group id '{group}' is not an id: lowercase letters, digits and '-'",
                    group=group_id,
                )
            )
        if not label.strip():
            problems.append(
                say("group '{group}' has no label: --group {group}=Label", group=group_id)
            )
    return problems


def context(instance: Instance, t: Language = ENGLISH) -> dict[str, Any]:
    """What the templates are filled with: this instance's words, never the demo's, in the
    language ``t`` (a group's label as the strategy gives it in ``t``, else the platform's
    words for its default groups, else as written)."""
    groups = dict(instance.labels.get(t.code) or {})
    for group, label in instance.groups.items():
        groups.setdefault(group, t.marked("stakeholder group", label))
    example_group, example_label = next(iter(groups.items()))
    return {
        "name": instance.name.strip(),
        "description": f"{instance.name.strip()}: a strategy written in the open, with the"
        " people it is for.",
        "repo": instance.repo,
        "email": instance.email,
        "site_url": instance.url,
        "groups": instance.groups,
        "groups_said": groups,
        "languages": list(instance.languages),
        "version": __version__,
        "example_team": instance.team_id,
        "example_moderator": instance.team_id,  # mkdocs.yml names it the moderators
        "example_proposal": FIRST_PROPOSAL,
        "example_feedback": f"{FIRST_PROPOSAL}-0001",  # the first the facilitators record
        "example_group": example_group,
        "example_group_label": example_label,
        "group_words": str(
            said_list([label.casefold() for label in groups.values()], "and").in_language(t)
        ),
        "stance_words": said_list(
            f"*{term.label}*" for term in STANCE.in_language(t).terms
        ).in_language(t),
        "stance_ids": listing(f"`{term_id}`" for term_id in STANCE.ids()),
    }


def contexts(
    instance: Instance, examples: Mapping[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """The templates' words in each of the instance's languages (the first is the default);
    with ``examples``, those the guides were first written with, the example group's label
    said in each (as it was recorded, when the group is gone)."""
    filled = {}
    for code in instance.languages:
        t = language(code)
        words = context(instance, t)
        if examples:
            group = examples.get("example_group", words["example_group"])
            recorded = examples.get("example_group_label", group)
            words.update(examples)
            words["example_group_label"] = words["groups_said"].get(
                group, t.marked("stakeholder group", recorded)
            )
        filled[code] = words
    return filled


def init(target: Path, instance: Instance) -> list[str]:
    """Write a new strategy repository into ``target`` (new or empty); the files written."""
    problems = said_problems(instance)
    if problems:
        raise CommonplanError(say("nothing was written"), problems)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        # Translators: {target} is a folder's path.
        raise CommonplanError(
            say(
                "{target} is not empty; start a strategy in a new or empty folder (nothing was"
                " written)",
                target=str(target),
            )
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        written = _write(staging, instance)
        if target.exists():
            target.rmdir()
        staging.replace(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _write(root: Path, instance: Instance) -> list[str]:
    filled = contexts(instance)
    rendered = instance_files(filled)
    for rel, text in rendered.items():
        write_atomic(root / rel, text)
    for folder in ("teams", "proposals", "feedback"):
        (root / folder).mkdir(exist_ok=True)
    (root / "feedback" / ".gitkeep").write_text("", encoding="utf-8")
    team = new_team(
        check_repository(root),
        instance.team_id,
        name=instance.name.strip(),
        kind="organisation",
        groups=list(instance.groups)[:1],
    )
    write_edit(root, team)
    proposal = new_proposal(
        check_repository(root),
        FIRST_PROPOSAL,
        title="Our first plan",
        owner=instance.team_id,
        invite=list(instance.groups),
    )
    write_edit(root, proposal)
    corpus = check_repository(root).corpus
    for item in generated_files(corpus):
        write_atomic(root / item.rel, item.content)
    platform = {rel: text for rel, text in rendered.items() if not is_own(rel)}
    write_manifest(root, platform, context(instance))  # the examples as written
    result = check_repository(root)
    if not result.diagnostics.ok:  # the platform's own files must validate: a bug if not
        raise CommonplanError(
            say("the new repository does not validate"), as_lines(result.diagnostics)
        )
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
