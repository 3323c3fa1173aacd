#!/usr/bin/env bash
# Everything a fresh Debian/Ubuntu machine needs before `npm test`, `npm run demo` or
# `npm run preview`: system packages (Chromium for the UI tests and the preview, libsecret
# to build keytar, gnome-keyring + D-Bus for a real Secret Service in tests, openssl for the
# test CA), then the npm packages from the lockfile. The Electron binary is never downloaded:
# package.json's allowScripts keeps electron's install script from running.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v openssl >/dev/null || need+=(openssl)
command -v dbus-run-session >/dev/null || need+=(dbus-daemon)
command -v dbus-send >/dev/null || need+=(dbus-bin)
command -v gnome-keyring-daemon >/dev/null || need+=(gnome-keyring)
command -v secret-tool >/dev/null || need+=(libsecret-tools)
pkg-config --exists libsecret-1 2>/dev/null || need+=(libsecret-1-dev pkg-config)
command -v g++ >/dev/null || need+=(g++ make python3)
fc-list 2>/dev/null | grep -qi 'noto.*cjk' || need+=(fonts-noto-cjk)

if ((${#need[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
