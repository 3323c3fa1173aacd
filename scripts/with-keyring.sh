#!/usr/bin/env bash
# Runs a command against a real, unlocked gnome-keyring Secret Service, for tests of the
# keychain code (keytar → libsecret → D-Bus). Use inside a private session bus:
#   dbus-run-session -- scripts/with-keyring.sh npx vitest run test/core/settings
# The daemon keeps its keyring and control socket in a fresh temporary directory, never in the
# caller's XDG_DATA_HOME, so a test run can neither read nor change the user's real keyring, and
# several runs at once (one bus each) do not meet. The command's exit code is passed through.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: dbus-run-session -- $0 <command> [args...]" >&2
  exit 2
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-keyring: no D-Bus session bus; run it as: dbus-run-session -- $0 $*" >&2
  exit 2
fi
command -v gnome-keyring-daemon >/dev/null || { echo "with-keyring: gnome-keyring-daemon is not installed" >&2; exit 2; }

keyring_root="$(mktemp -d "${TMPDIR:-/tmp}/kimibar-keyring.XXXXXX")"
mkdir -p "$keyring_root/data" "$keyring_root/runtime"
chmod 700 "$keyring_root/runtime"
daemon_pid=""

cleanup() {
  if [ -n "$daemon_pid" ]; then
    kill "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$keyring_root"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --unlock reads the new login keyring's password from stdin; a fixed test password is fine
# because the keyring lives only as long as this run, in a directory only we can read.
printf '%s' 'kimibar-test-keyring' |
  XDG_DATA_HOME="$keyring_root/data" XDG_RUNTIME_DIR="$keyring_root/runtime" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$keyring_root/env" 2>"$keyring_root/log" &
daemon_pid=$!

# The daemon is usable once it owns the Secret Service name on our bus.
secret_service_ready() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
for _ in $(seq 1 100); do
  secret_service_ready && break
  if ! kill -0 "$daemon_pid" 2>/dev/null; then
    echo "with-keyring: gnome-keyring-daemon exited early:" >&2
    cat "$keyring_root/log" >&2
    exit 1
  fi
  sleep 0.1
done
if ! secret_service_ready; then
  echo "with-keyring: the Secret Service did not appear on the session bus within 10 s" >&2
  cat "$keyring_root/log" >&2
  exit 1
fi

# The daemon prints NAME=value lines (its control socket); export them for the command.
while IFS='=' read -r name value; do
  [[ "$name" =~ ^[A-Z_][A-Z0-9_]*$ ]] && export "$name=$value"
done <"$keyring_root/env"
# Tests that write to the keychain check this, so they never run against a person's real keyring.
export KIMIBAR_TEST_KEYRING="$keyring_root"

set +e
"$@"
status=$?
set -e
exit "$status"
