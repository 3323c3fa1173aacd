#!/usr/bin/env bash
# Everything a fresh machine needs before `npm start`, `npm run demo` or `npm test`.
#  - Debian/Ubuntu: system packages (Chromium for the UI tests and the preview, libsecret to
#    build keytar, gnome-keyring + D-Bus for a real Secret Service in tests, openssl for the
#    test CA).
#  - macOS: only Xcode's command line tools, which build keytar and better-sqlite3; Safari's
#    cookies and the Keychain need nothing installed.
# Then the npm packages from the lockfile, and the Electron binary where it can be fetched: on
# a desktop that is not CI and has not opted out with ELECTRON_SKIP_BINARY_DOWNLOAD. Where it
# cannot be fetched (CI, offline, headless servers) one line says so and set-up carries on:
# `npm run demo` and `npm test` never need it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Read before this script sets it for `npm ci`: the user's own opt-out.
skip_electron="${ELECTRON_SKIP_BINARY_DOWNLOAD:-}"

case "$(uname -s)" in
  Darwin)
    if ! xcode-select -p >/dev/null 2>&1; then
      echo "setup: Xcode's command line tools are needed to build keytar and better-sqlite3: run \`xcode-select --install\`, then this script again." >&2
      exit 1
    fi
    ;;
  Linux)
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
      if ! command -v apt-get >/dev/null; then
        echo "setup: this Linux has no apt-get; install the equivalents of: ${need[*]}" >&2
        exit 1
      fi
      sudo=""
      [ "$(id -u)" -eq 0 ] || sudo="sudo"
      echo "setup: installing ${need[*]}"
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
    ;;
esac

# `npm ci` never downloads Electron (nor Playwright's browsers): the binary is fetched below,
# only where it can be, so that CI and offline machines install in one step.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -L node_modules ]; then
  # A worktree sharing another checkout's install: `npm ci` would empty the shared folder
  # through the link. That checkout's set-up owns it.
  echo "setup: node_modules is a link to a shared install ($(readlink node_modules)); not reinstalling it here."
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if node scripts/electron-binary.mjs; then
  :
elif [ -n "${CI:-}" ] || [ -n "$skip_electron" ]; then
  echo "setup: Electron binary not downloaded (CI or ELECTRON_SKIP_BINARY_DOWNLOAD); \`npm run demo\` and \`npm test\` do not need it."
elif [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "setup: no desktop here (no DISPLAY or WAYLAND_DISPLAY), so no Electron binary; \`npm run demo\` shows the app's UI in a browser."
else
  # electron's own installer (the download npm ci skipped), bounded so an offline machine or a
  # blocked GitHub does not hang set-up; macOS has no `timeout`, hence the watchdog.
  ( unset ELECTRON_SKIP_BINARY_DOWNLOAD; exec node node_modules/electron/install.js ) >/dev/null 2>&1 &
  installer=$!
  ( sleep 180; kill "$installer" 2>/dev/null ) &
  watchdog=$!
  if wait "$installer" && node scripts/electron-binary.mjs; then
    echo "setup: Electron binary installed; \`npm start\` runs the menu-bar app."
  else
    echo "setup: could not download the Electron binary (offline or blocked?); \`npm run demo\` still works, and this script tries again next time."
  fi
  kill "$watchdog" 2>/dev/null || true
  wait "$watchdog" 2>/dev/null || true
fi
