// The project's zod: zod/mini, with English messages. Every schema module imports zod from here.
//
// zod/mini is zod's core with functions instead of methods (`z.optional(s)` for
// `s.optional()`): the full ("classic") zod costs a CLI run ~18 ms just to load and attaches
// dozens of methods to each of the ~500 schemas built at start, where mini costs ~4 ms. The two
// share the core, so parsing, issues and their paths are the same.
//
// What mini does not do is choose a language: the full zod sets English when its first schema is
// built, mini leaves issues with zod's bare "Invalid input". Setting it here, which every schema
// module imports first, keeps the messages people see (a refused `kimibar config set`, say)
// word for word. English alone is imported: no other language comes into a bundle.
//
// The status line's reader (core/status-line/cache-file.ts, account-list.ts) imports zod/mini
// itself: it shows no zod message, and its bundle carries no locale.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
