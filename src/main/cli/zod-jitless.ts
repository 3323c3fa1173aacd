// Imported first by the CLI (./main.ts, ./statusline-entry.ts), before any schema is built: zod
// compiles a fast parser for each object schema with `new Function` on first use, which pays off
// over thousands of parses in the app but costs a command that parses a few documents once
// ~20 ms. Set through zod/mini itself, not ../../shared/zod.ts: the setting is zod's core's, and
// the status line's bundle, which imports this too, carries none of zod's messages.
import * as z from 'zod/mini';

z.config({ jitless: true });
