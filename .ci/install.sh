# Installs what Pathways needs and is missing, at the pinned versions, and skips what is
# already there, so a warm machine pays nothing. Sourced by .ci/serve and .ci/test;
# see ../shared/TOOLCHAIN.md for why each tool comes from where it does.
# shellcheck shell=bash

TRUNK_VERSION=0.21.14
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# wasm-bindgen's CLI must match the library version in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' "$REPO_ROOT/Cargo.lock")"
NODE_TOOLS="$REPO_ROOT/tests/e2e"

export PATH="$HOME/.cargo/bin:$NODE_TOOLS/node_modules/.bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

# Rust target, Trunk, wasm-bindgen and (from npm) wasm-opt, Playwright and axe-core.
install_build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! rustup component list --installed | grep -q '^clippy'; then rustup component add clippy; fi
  if ! rustup component list --installed | grep -q '^rustfmt'; then rustup component add rustfmt; fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$WASM_BINDGEN_VERSION" ]; then
    step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
    # Not --locked: its lock file names a crate version the registry here does not serve.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  # npm writes node_modules/.package-lock.json on every install: reinstall only when the
  # committed lock file is newer.
  if [ ! -f "$NODE_TOOLS/node_modules/.package-lock.json" ] \
    || [ "$NODE_TOOLS/package-lock.json" -nt "$NODE_TOOLS/node_modules/.package-lock.json" ]; then
    step "installing node tools (wasm-opt, playwright-core, axe-core)"
    (cd "$NODE_TOOLS" && npm ci --no-audit --no-fund)
  fi
}

# Debian's Chromium and ChromeDriver, for the wasm and end-to-end tests.
install_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    step "installing chromium and chromium-driver from Debian"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
  fi
}
