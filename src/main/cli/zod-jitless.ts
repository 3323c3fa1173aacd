// Imported first by the CLI (./main.ts), before any schema is built: zod compiles a fast parser
// for each object schema with `new Function` on first use, which pays off over thousands of
// parses in the app but costs a command that parses a few documents once ~20 ms.
import * as z from 'zod';

z.config({ jitless: true });
