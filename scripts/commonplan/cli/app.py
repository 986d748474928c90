"""The `commonplan` command: the group, and the one place errors become messages.

Each family of commands is a module of its own (`files`, `loop`, `offline`, `organise`);
a command's body reads its options, makes one call into a layer and prints what it did.
"""

from __future__ import annotations

from typing import Any

import click

from commonplan.cli import files, history, instance, loop, offline, organise
from commonplan.cli.options import LANGUAGE_OPTION, speaking
from commonplan.errors import CommonplanError


class Commands(click.Group):
    """Turns any CommonplanError a layer raises into a plain message and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CommonplanError as exc:
            t = speaking()
            for line in exc.details_in(t):
                click.echo(line, err=True)
            raise click.ClickException(exc.message_in(t)) from exc


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="commonplan")
@LANGUAGE_OPTION
def main(language: str | None) -> None:
    """Check, build and feed a participatory strategy that lives in this repository."""
    del language  # read by each command through `speaking()`


for family in (files, loop, offline, organise, instance, history):
    for command in family.COMMANDS:
        main.add_command(command)
