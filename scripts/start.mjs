#!/usr/bin/env node
// `npm start`: the menu-bar app where the Electron binary is installed. Where it is not (CI,
// offline machines, headless servers), one line that says so and names `npm run demo` — the
// same UI in a browser — and a non-zero exit, instead of electron's stack trace. The binary is
// checked before the build so that the answer comes at once.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { electronBinary } from './electron-binary.mjs';

const root = resolve(import.meta.dirname, '..');
const binary = electronBinary();
if (!binary) {
  process.stderr.write(
    'kimibar: the Electron binary is not installed on this machine (CI, offline or headless), so the menu-bar app cannot start here; ' +
      '`npm run demo` shows its UI in your browser, and `scripts/setup.sh` on a desktop installs Electron.\n',
  );
  process.exit(1);
}

const build = spawnSync(process.execPath, [resolve(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
// Ctrl-C in the terminal reaches the app through the process group; quit with it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('error', (error) => {
  process.stderr.write(`kimibar: could not start Electron (${error.message}); \`npm run demo\` shows the app's UI in your browser.\n`);
  process.exit(1);
});
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
