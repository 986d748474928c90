"""`commonplan history-scan`: where a text, a piece of feedback or personal data is still
in the git history, and how a maintainer takes it out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from commonplan.cli.options import ROOT_OPTION, speaking
from commonplan.language import Language, say

CANNOT_REACH = say(
    "What a rewrite cannot reach: forks and clones people already made, copies in caches and"
    " search engines, e-mails and notifications already sent, and GitHub's own views of old"
    " commits and pull requests (ask GitHub Support to remove those once the rewrite is"
    " pushed). Everyone who works on the repository must clone it again afterwards."
)


@click.command("history-scan")
@click.option("--text", help="Words to look for, as written (case is ignored).")
@click.option("--id", "feedback_id", help="A feedback id: its words, as any version had them.")
@click.option("--personal-data", is_flag=True, help="Any e-mail address or phone number.")
@ROOT_OPTION
def history_scan(
    text: str | None, feedback_id: str | None, personal_data: bool, root: Path
) -> None:
    """List each commit and path of the whole git history (every branch and tag, renamed
    files too) that still holds something, and the git filter-repo command that removes it.

    Exits 1 when anything is found, 0 when the history is clean, 2 without git history.
    """
    from commonplan.history.scan import scan_history, texts_of_feedback
    from commonplan.validate.privacy import find_personal_data

    t = speaking()
    if sum((text is not None, feedback_id is not None, personal_data)) != 1:
        raise click.UsageError(t("give one of --text, --id or --personal-data"))
    bodies: list[str] = []
    if text is not None:
        wanted = text.casefold()
        if not wanted.strip():
            raise click.UsageError(t("--text is empty"))
        hits = scan_history(root, lambda held: wanted in held.casefold())
    elif feedback_id is not None:
        bodies = sorted(texts_of_feedback(root, feedback_id))
        if not bodies:
            none = t("No version of the history holds feedback '{feedback}'.")
            click.echo(none.format(feedback=feedback_id))
            return
        hits = scan_history(root, lambda held: any(body in held for body in bodies))
    else:
        hits = scan_history(root, lambda held: bool(find_personal_data(held)))
    if hits is None:
        # Translators: {root} is a folder's path.
        nothing = t("{root}: no git history here (not a git repository, or git is missing)")
        click.echo(nothing.format(root=root))
        sys.exit(2)
    if not hits:
        click.echo(t("Not found anywhere in the git history."))
        return
    found = t.n(
        "Found in {count} file version of the git history:",
        "Found in {count} file versions of the git history:",
        len(hits),
    )
    click.echo(found)
    for hit in hits:
        click.echo(f"  {hit.commit[:12]} {hit.day.isoformat()} {hit.path}")
    click.echo()
    click.echo(
        t("To take it out of the history (a maintainer, once; pip install git-filter-repo):")
    )
    if feedback_id is not None:
        paths = sorted({hit.path for hit in hits if hit.path.endswith(f"/{feedback_id}.yml")})
        others = sorted({hit.path for hit in hits} - set(paths))
        options = " ".join(f"--path {path}" for path in paths)
        click.echo(f"  git filter-repo --invert-paths {options}")
        if others:
            # --replace-text reads one expression per line: each line of the words, then.
            words = {line.strip() for body in bodies for line in body.splitlines() if line.strip()}
            # Translators: {files} are paths of files.
            also = t("and, for its words in {files}:").format(files=", ".join(others))
            click.echo(f"  {also}")
            _replace_text([f"literal:{line}==>[removed]" for line in sorted(words)], t)
    elif text is not None:
        _replace_text([f"literal:{text}==>[removed]"], t)
    else:
        # Translators: a line for `git filter-repo --replace-text`: keep "literal:" and
        # "==>[removed]" as they are (what replaces the words in the history).
        each = t(
            "literal:<the address or number, as that file writes it>==>[removed]"
            " (one line for each; `git show COMMIT:PATH` shows the file)"
        )
        _replace_text([each], t)
    click.echo("  git push --force --all && git push --force --tags")
    click.echo()
    click.echo(CANNOT_REACH.in_language(t))
    sys.exit(1)


def _replace_text(expressions: list[str], t: Language) -> None:
    write = (
        t("write a file expressions.txt with the lines")
        if len(expressions) > 1
        else t("write a file expressions.txt with the line")
    )
    click.echo(f"  {write}")
    for expression in expressions:
        click.echo(f"    {expression}")
    click.echo("  git filter-repo --replace-text expressions.txt")


COMMANDS = (history_scan,)
