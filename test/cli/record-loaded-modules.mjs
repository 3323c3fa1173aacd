// Preloaded (node --import) into the built `kimibar` by test/cli/module-loading.test.ts: when
// the process exits it writes what it loaded to the file named in KIMIBAR_TEST_LOADED_MODULES —
// Node's own built-in modules (process.moduleLoadList: Node's fetch shows up there as
// internal/deps/undici) and every native addon (each one passes through process.dlopen).
import { writeFileSync } from 'node:fs';

const addons = [];
const dlopen = process.dlopen.bind(process);
process.dlopen = (module, filename, ...rest) => {
  addons.push(filename);
  return dlopen(module, filename, ...rest);
};

process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
  writeFileSync(process.env.KIMIBAR_TEST_LOADED_MODULES, JSON.stringify({ builtins, addons }));
});
