#!/usr/bin/env bash
# Run the end-to-end tests against the built app in dist/ (or $PATHWAYS_DIST).
# Usage: tests/e2e/run.sh [extra `node --test` args, e.g. --test-name-pattern=axe]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

dist="${PATHWAYS_DIST:-../../dist}"
if [[ ! -f "$dist/index.html" ]]; then
  echo "error: $(realpath -m "$dist")/index.html not found; build the app first (trunk build --release)," >&2
  echo "       or set PATHWAYS_DIST to a directory holding a built app." >&2
  exit 1
fi
# The server and the tests read this too; make it absolute so cwd doesn't matter.
PATHWAYS_DIST="$(cd "$dist" && pwd)"
export PATHWAYS_DIST

# Install exactly what the lock file says, but only when needed: npm writes
# node_modules/.package-lock.json on every install, so it is older than
# package-lock.json only when the lock file changed since.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

# One file at a time: the machine has 2 cores and each file drives a Chromium.
exec node --test --test-concurrency=1 "$@" ./*.test.mjs
