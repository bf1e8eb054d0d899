#!/usr/bin/env bash
# Makes sure PostgreSQL's server programs are there for the tests of the PostgreSQL store (a chain of
# shops): installs Debian's postgresql when it can (root with apt-get), otherwise says what to
# install. Not needed when DATABASE_URL names a server the tests may create databases on.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exit 0
fi
if command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's postgresql for the PostgreSQL store's tests (apt-get)..."
  apt-get update -qq
  # The tests start a throwaway cluster of their own; the package's own cluster is not used.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && exit 0
  echo "apt-get finished but initdb is still missing under /usr/lib/postgresql." >&2
  exit 1
fi
cat >&2 <<'MSG'
Loupe's tests run its PostgreSQL store against a real PostgreSQL, and none is installed.
Install it with:

    sudo apt-get update && sudo apt-get install -y postgresql

or set DATABASE_URL to a PostgreSQL server whose user may create databases.
MSG
exit 1
