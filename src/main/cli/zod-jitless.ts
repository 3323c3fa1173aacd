// Imported first by the CLI (./main.ts, ./statusline-entry.ts), before any schema is built: zod
// compiles a fast parser for each object schema with `new Function` on first use, which pays off
// over thousands of parses in the app but costs a command that parses a few documents once
// ~20 ms. Set through zod/mini: the setting is zod's core's, shared by the full zod and mini, and
// the status line's bundle must not load the full zod.
import * as z from 'zod/mini';

z.config({ jitless: true });
