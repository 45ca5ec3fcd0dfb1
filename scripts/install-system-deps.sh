#!/usr/bin/env bash
# Install the Debian packages TownDesk needs outside Python: the libraries Qt loads, a CJK font,
# and (for the test suite) the PostgreSQL server and poppler-utils.
#
# Usage: scripts/install-system-deps.sh [--runtime]
#   --runtime   only what `make run` needs (no PostgreSQL server, no poppler-utils)
#
# If everything is installed already this returns at once. Otherwise, as root on a system with
# apt-get, it installs what is missing; anywhere else it prints the install command and exits 0,
# so that a machine that is not Debian is not stopped here.
set -euo pipefail

# Qt offscreen with Chinese text, plus python3-venv (Debian ships `python3 -m venv` separately).
RUNTIME_PACKAGES=(
    python3-venv
    libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
    fonts-wqy-zenhei
    fonts-arphic-uming
    fonts-arphic-ukai
)
# A real X window (xcb platform plugin), and Xvfb for running it without a display.
X11_PACKAGES=(
    xvfb xauth
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-shape0 libxkbcommon-x11-0
)
# Only the test suite: a PostgreSQL server on loopback, and pdftoppm for rendering PDFs to PNG.
TEST_PACKAGES=(postgresql poppler-utils)

packages=("${RUNTIME_PACKAGES[@]}" "${X11_PACKAGES[@]}")
case "${1:-}" in
    --runtime) ;;
    "") packages+=("${TEST_PACKAGES[@]}") ;;
    *) echo "usage: $0 [--runtime]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-system-deps: not a Debian-like system; make sure the equivalents of these are" \
         "installed: ${packages[*]}" >&2
    exit 0
fi

# One dpkg-query call for all packages; unknown packages print nothing, so look each one up.
status="$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)"
missing=()
for pkg in "${packages[@]}"; do
    if ! grep -qx "${pkg}\(:[a-z0-9]*\)\? install ok installed" <<<"${status}"; then
        missing+=("${pkg}")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "install-system-deps: installing ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "install-system-deps: these Debian packages are missing: ${missing[*]}" >&2
    echo "install-system-deps: install them with:" >&2
    echo "    sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    echo "install-system-deps: continuing without them." >&2
fi
