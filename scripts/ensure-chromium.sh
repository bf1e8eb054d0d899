#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the end-to-end tests: installs it when it can (root with
# apt-get), otherwise says exactly what to install. Playwright never downloads a browser of its own.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH is set to '$CHROMIUM_PATH', but there is no program there." >&2
  exit 1
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the end-to-end tests (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
  echo "apt-get finished but /usr/bin/chromium is still missing." >&2
  exit 1
fi
cat >&2 <<'MSG'
Loupe's end-to-end tests run in Debian's Chromium, and it is not installed.
Install it with:

    sudo apt-get update && sudo apt-get install -y chromium

or set CHROMIUM_PATH to a Chromium or Chrome binary you already have.
MSG
exit 1
