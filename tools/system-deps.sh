#!/usr/bin/env bash
# Debian packages the test suite needs (a real browser, a real IMAP server, and poppler's
# tools to read the PDFs the browser prints). Installs only what is missing, so a machine
# that already has them starts the tests at once.
set -euo pipefail

# package name → a file that proves it is installed
declare -A PACKAGES=(
  [chromium]=/usr/bin/chromium
  [nodejs]=/usr/bin/node
  [npm]=/usr/bin/npm
  [dovecot-imapd]=/usr/sbin/dovecot
  [poppler-utils]=/usr/bin/pdftotext
)

missing=()
for package in "${!PACKAGES[@]}"; do
  [ -e "${PACKAGES[$package]}" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them as root:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
