#!/usr/bin/env bash
# Installs the Debian 12 packages Liaison needs to build, run and test.
# Sourced by build-aux/run and build-aux/test; safe to run repeatedly.
set -euo pipefail

LIAISON_BUILD_DEPS=(
  build-essential meson ninja-build pkg-config gettext itstool
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libjson-glib-dev libsoup-3.0-dev libcurl4-gnutls-dev
  libcairo2-dev libpango1.0-dev
  libshumate-dev    # the offline map (app/ui/map)
  libsodium-dev     # Argon2id and XChaCha20-Poly1305 (handover, HQ sign-in, encryption at rest)
  glib-networking   # TLS for liaison-hq serve --tls-cert
)
LIAISON_TEST_DEPS=(
  xvfb xauth desktop-file-utils appstream libglib2.0-bin
  fonts-noto-core fonts-noto-ui-core fonts-cantarell fonts-dejavu-core
  python3 curl poppler-utils python3-networkx graphviz openssl
  chromium chromium-driver   # the HQ dashboard in a browser (tests/browser)
)

# Node.js and npm drive Chromium in tests/browser.  A machine may already
# have them from elsewhere (NodeSource's nodejs bundles npm and conflicts
# with Debian's npm package): only a machine without them gets Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  LIAISON_TEST_DEPS+=(nodejs npm)
fi

# FUZZ: only build-aux/fuzz needs these (clang and libFuzzer); building,
# testing and CI do not.
LIAISON_FUZZ_DEPS=(
  clang libclang-rt-14-dev
)

liaison_missing_packages () {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

liaison_install_packages () {
  local missing
  missing=$(liaison_missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Liaison needs these Debian packages. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
    exit 1
  fi
  echo "Installing: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
}

liaison_install_deps () {
  liaison_install_packages "${LIAISON_BUILD_DEPS[@]}" "${LIAISON_TEST_DEPS[@]}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  liaison_install_deps
fi
