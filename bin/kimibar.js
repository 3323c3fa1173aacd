#!/usr/bin/env node
// The installed `kimibar` command: runs the bundled CLI (npm run build makes it).
import { main } from '../dist/cli/kimibar.js';

process.exitCode = await main(process.argv.slice(2));
