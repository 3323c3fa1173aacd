// `node --import ./register.mjs dist/main/index.js`: every `electron` the bundle asks for —
// its own ES imports and the require() calls of the CommonJS libraries bundled into it
// (menubar, electron-positioner) — resolves to the compiled double named by
// KIMIBAR_ELECTRON_DOUBLE. The real `electron` package is never loaded.
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const double = process.env.KIMIBAR_ELECTRON_DOUBLE;
if (!double) throw new Error('register.mjs: KIMIBAR_ELECTRON_DOUBLE must name the compiled electron double');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, ...rest) {
  return request === 'electron' ? double : resolveFilename.call(this, request, ...rest);
};
register('./hooks.mjs', import.meta.url, { data: { url: pathToFileURL(double).href } });
