// Where an account's numbers come from, in the order the settings offer them: Auto walks every
// source in turn (core/auth/priority.ts), the others use their one source. Kept apart from the
// settings schema (./settings.ts, which builds on it) so that the renderer, which carries no
// zod, lists the same choices.
export const USAGE_SOURCE_MODES = ['auto', 'api', 'account', 'cli', 'web'] as const;
