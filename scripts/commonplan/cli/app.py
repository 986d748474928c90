"""The `commonplan` command: the group, and the one place errors become messages.

Each family of commands is a module of its own (`files`, `loop`, `offline`, `organise`);
a command's body reads its options, makes one call into a layer and prints what it did.
"""

from __future__ import annotations

from typing import Any

import click

from commonplan.cli import files, history, instance, loop, offline, organise
from commonplan.errors import CommonplanError


class Commands(click.Group):
    """Turns any CommonplanError a layer raises into a plain message and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CommonplanError as exc:
            for line in exc.details:
                click.echo(line, err=True)
            raise click.ClickException(str(exc)) from exc


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="commonplan")
def main() -> None:
    """Check, build and feed a participatory strategy that lives in this repository."""


for family in (files, loop, offline, organise, instance, history):
    for command in family.COMMANDS:
        main.add_command(command)
