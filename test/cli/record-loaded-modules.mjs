// Preloaded (node --import) into the built `kimibar` by test/cli/module-loading.test.ts: when
// the process exits it writes what it loaded to the file named in KIMIBAR_TEST_LOADED_MODULES —
// Node's own built-in modules (process.moduleLoadList: Node's fetch shows up there as
// internal/deps/undici), every package under node_modules (the CommonJS module cache, which
// the native modules' JavaScript goes through even when imported) and every native addon (each
// one passes through process.dlopen) — and whether the process looked up its time zone through
// Intl (ICU's first lookup costs tens of milliseconds).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const addons = [];
const dlopen = process.dlopen.bind(process);
process.dlopen = (module, filename, ...rest) => {
  addons.push(filename);
  return dlopen(module, filename, ...rest);
};

let timeZoneLookups = 0;
const resolvedOptions = Intl.DateTimeFormat.prototype.resolvedOptions;
Intl.DateTimeFormat.prototype.resolvedOptions = function (...args) {
  timeZoneLookups += 1;
  return resolvedOptions.apply(this, args);
};

process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
  const packages = new Set();
  for (const file of Object.keys(createRequire(import.meta.url).cache)) {
    const name = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1];
    if (name) packages.add(name.replace('\\', '/'));
  }
  writeFileSync(process.env.KIMIBAR_TEST_LOADED_MODULES, JSON.stringify({ builtins, packages: [...packages], addons, timeZoneLookups }));
});
