#!/usr/bin/env node
// Runs the whole vitest suite inside a private D-Bus session with a real, unlocked
// gnome-keyring, so the keychain tests talk to a real Secret Service and never to the
// user's own keyring (its files live in a throw-away XDG_DATA_HOME).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'kimibar-test-'));
mkdirSync(join(scratch, 'run'), { mode: 0o700 });
const env = {
  ...process.env,
  XDG_DATA_HOME: join(scratch, 'data'),
  XDG_RUNTIME_DIR: join(scratch, 'run'),
  NO_COLOR: '1',
};
const vitest = join(root, 'node_modules/.bin/vitest');
const report = join(scratch, 'vitest-report.json');
const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
const result = spawnSync('dbus-run-session', ['--', join(root, 'scripts/with-keyring.sh'), vitest, 'run', ...reporters, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
  cwd: root,
});
// One plain closing line that any CI reader understands, whatever the runner prints.
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
}
rmSync(scratch, { recursive: true, force: true });
if (result.error) {
  console.error(`run-tests: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
