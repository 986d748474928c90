"""`commonplan build`: the site built by the engine the strategy names (`engine` in
mkdocs.yml), so the publish workflow runs one command whichever it is."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from commonplan.config import CONFIG_FILE, load_settings, read_config
from commonplan.errors import CommonplanError
from commonplan.language import say
from commonplan.site.zensical import build_with_zensical

MKDOCS_SITE_DIR = "site"  # mkdocs' own default for `site_dir`


def site_folder(root: Path) -> Path:
    """Where mkdocs.yml says the site is built (`site_dir`)."""
    config = read_config(root)
    named = config[0].get("site_dir") if config is not None else None
    return root / (named if isinstance(named, str) else MKDOCS_SITE_DIR)


def build_site(root: Path, out: Path | None, engine: str | None, today: date) -> Path:
    """Build ``root``'s site into ``out`` (mkdocs.yml's `site_dir` when not given) with
    ``engine``, or the one mkdocs.yml names. Returns where the site is."""
    chosen = engine or load_settings(root).engine
    site = out or site_folder(root)
    if chosen == "zensical":
        build_with_zensical(root, site, today)
        return site
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(root / CONFIG_FILE), "-d", str(site)],
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if done.returncode != 0:
        raise CommonplanError(say("mkdocs could not build the site; what it said is above"))
    return site
