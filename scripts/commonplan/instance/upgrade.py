"""`commonplan upgrade`: the platform's own files of a strategy, brought to this version.

The platform's files are the workflows, the pull request template, the theme overrides and
stylesheets, the guides, the spreadsheet template and the version pin. `init` and
`upgrade` record in `.commonplan/platform-files.json` what they wrote (a digest of each
file), so a file changed by hand since is told apart from one that is simply older: the
first is left alone and reported with its differences (unless forced), the second is
replaced; a file named with `--keep` becomes the organisation's own and is left out from
then on. The issue form and CODEOWNERS are made again from the data, as this version makes
them. The strategy's own files (`teams/`, `proposals/`, `feedback/`, `mkdocs.yml`, the
home page text and the README) are never touched.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from commonplan import __version__
from commonplan.config import load_settings
from commonplan.errors import CommonplanError
from commonplan.files import write_atomic
from commonplan.instance.init import Instance, context, contexts
from commonplan.instance.manifest import digest, platform_files, read_manifest, write_manifest
from commonplan.language import language, say
from commonplan.repository import in_step_files


@dataclass
class Upgrade:
    """What an upgrade does (or, with --check, would do)."""

    replaced: list[str] = field(default_factory=list)  # older platform files, brought up
    added: list[str] = field(default_factory=list)  # platform files this version adds
    changed_by_hand: dict[str, str] = field(default_factory=dict)  # path → its differences
    kept: list[str] = field(default_factory=list)  # the organisation's own now: not looked at

    @property
    def up_to_date(self) -> bool:
        return not (self.replaced or self.added or self.changed_by_hand)


def instance_of(root: Path) -> Instance:
    """The instance a strategy repository is, from its mkdocs.yml."""
    settings = load_settings(root)
    if not settings.repo or not settings.site_name:
        # Translators: {root} is a folder's path.
        raise CommonplanError(
            say(
                "{root}: mkdocs.yml names no repository (the commonplan plugin's `repo`) or no"
                " site_name; is this a strategy repository made by `commonplan init`?",
                root=str(root),
            )
        )
    return Instance(
        name=settings.site_name,
        repo=settings.repo,
        email=settings.email,
        site_url=settings.site_url,
        groups=dict(settings.groups),
        languages=tuple(settings.languages),
        labels={code: settings.in_language(language(code)).groups for code in settings.languages},
    )


def _generated(root: Path) -> dict[str, str]:
    """The issue form and CODEOWNERS as this version makes them from the data (a new version
    may write them differently); none while the data has errors, which validate reports."""
    try:
        return in_step_files(root)
    except CommonplanError:
        return {}


def upgrade(
    root: Path, *, check: bool = False, force: bool = False, keep: tuple[str, ...] = ()
) -> Upgrade:
    """Bring the platform's files to this version (with ``check``, only say what would).

    ``keep`` names platform files the organisation makes its own: from then on they are
    neither replaced nor reported.
    """
    manifest = read_manifest(root)
    instance = instance_of(root)
    filled = contexts(instance, manifest.examples)
    platform = platform_files(filled)
    unknown = [rel for rel in keep if rel not in platform]
    if unknown:
        # Translators: {file} is the path given, {files} the platform's files' paths.
        raise CommonplanError(
            say(
                "--keep {file}: not a platform file; it is yours already (the platform's"
                " files are {files})",
                file=unknown[0],
                files=", ".join(sorted(platform)),
            )
        )
    if keep and check:
        raise CommonplanError(say("--keep records a choice, and --check changes nothing: use one"))
    kept = manifest.kept | set(keep)
    recorded = manifest.files
    plan = Upgrade(kept=sorted(kept & platform.keys()))
    for rel, text in sorted(platform.items()):
        if rel in kept:
            continue
        path = root / rel
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        if current is None:
            plan.added.append(rel)
        elif recorded.get(rel) == digest(current) or force:
            plan.replaced.append(rel)
        else:
            diff = difflib.unified_diff(
                text.splitlines(keepends=True),
                current.splitlines(keepends=True),
                f"{rel} (commonplan {__version__})",
                f"{rel} (yours)",
            )
            plan.changed_by_hand[rel] = "".join(diff)
    generated = _generated(root)
    for rel, text in generated.items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            (plan.replaced if path.is_file() else plan.added).append(rel)
    if not check:
        wanted = {**platform, **generated}
        for rel in (*plan.replaced, *plan.added):
            write_atomic(root / rel, wanted[rel])
        as_written = {
            rel: (root / rel).read_text(encoding="utf-8")
            for rel in platform
            if rel not in plan.changed_by_hand and rel not in kept and (root / rel).is_file()
        }
        # The examples as the guides were first written with them (as `init` records them,
        # the label as written), not today's: kept for good.
        recorded = {**context(instance), **manifest.examples}
        write_manifest(root, as_written, recorded, frozenset(kept))
    return plan
