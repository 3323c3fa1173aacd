#!/usr/bin/env node
// The installed `kimibar` command: runs the bundled CLI (npm run build makes it). CommonJS, like
// the bundles it loads (bin/package.json says so for this folder): a status line is started every
// second, and an ES module entry would start Node's ES module loader for every one of them.
'use strict';

const args = process.argv.slice(2);
// `statusline` has a small bundle of its own, which draws the line or hands the command
// (`statusline --refresh`) to the whole CLI; every other command starts the whole CLI, compiled
// from its code cache when there is one (dist/cli/launch.cjs).
const entry = require(args[0] === 'statusline' ? '../dist/cli/statusline.cjs' : '../dist/cli/launch.cjs');
entry.main(args).then((code) => {
  process.exitCode = code;
});
