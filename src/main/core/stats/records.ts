// The lines of a Kimi Code wire log that carry token usage, checked with zod (docs/kimi-api.md,
// "Local usage: Kimi Code's session logs"). Everything else in a log is ignored, and most lines
// are never parsed at all: a byte search for the record's type name comes first, because the
// logs are mostly large conversation records and JSON.parse on each would cost more than the
// reading itself.
import * as z from '../../../shared/zod.js';

/** Far beyond one request's tokens; a bigger number is a damaged line, not usage. */
const MAX_TOKENS = 1e12;
const Count = z.number().check(z.int(), z.nonnegative(), z.lte(MAX_TOKENS));
/** Epoch ms between 2000 and 2200: anything else is not a time Kimi Code wrote. */
const EpochMs = z.number().check(z.gte(946_684_800_000), z.lte(7_258_118_400_000));

/**
 * Kimi Code (agent-core): one `usage.record` per model request — each step of a turn
 * (`usageScope: "turn"`) and each compaction (`"session"`; older logs have no scope). The
 * same numbers also appear in that step's `step.end` event, which is therefore not counted.
 */
const UsageRecordSchema = z.object({
  type: z.literal('usage.record'),
  model: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  usage: z.object({
    inputOther: Count,
    output: Count,
    inputCacheRead: z._default(Count, 0),
    inputCacheCreation: z._default(Count, 0),
  }),
  usageScope: z.optional(z.string().check(z.maxLength(32))),
  time: EpochMs,
});

/**
 * The older Python kimi-cli: `StatusUpdate` messages carry the latest request's
 * `token_usage` (snake_case), stamped in epoch seconds; the model is not in the log.
 */
const StatusUpdateSchema = z.object({
  timestamp: z.number().check(z.gte(946_684_800), z.lte(7_258_118_400)),
  message: z.object({
    type: z.literal('StatusUpdate'),
    payload: z.object({
      token_usage: z.nullish(
        z.object({
          input_other: Count,
          output: Count,
          input_cache_read: z._default(Count, 0),
          input_cache_creation: z._default(Count, 0),
        }),
      ),
      message_id: z.nullish(z.string().check(z.maxLength(256))),
    }),
  }),
});

/** `config.update` names the working directory; a fallback when the session index does not. */
const ConfigUpdateSchema = z.object({
  type: z.literal('config.update'),
  cwd: z.string().check(z.minLength(1), z.maxLength(4096)),
});

export interface UsageEvent {
  readonly kind: 'usage';
  readonly timeMs: number;
  /** Empty when the log does not say (the older kimi-cli). */
  readonly model: string;
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheCreation: number;
  /** The older kimi-cli's message id, to skip a repeated status of the same request. */
  readonly messageId: string | null;
}

export type LineEvent = UsageEvent | { readonly kind: 'cwd'; readonly cwd: string } | { readonly kind: 'invalid' } | null;

const USAGE_MARK = Buffer.from('"usage.record"');
const STATUS_MARK = Buffer.from('"StatusUpdate"');
const CONFIG_MARK = Buffer.from('"config.update"');

export interface LineOptions {
  /** Look for `config.update` lines (only until a working directory is known). */
  readonly wantCwd: boolean;
}

/**
 * What one complete line says. `null`: nothing of interest (most lines). `invalid`: it names
 * a usage record but is not one we can trust (damaged, or a shape this version does not know).
 */
export function readLine(line: Buffer, options: LineOptions): LineEvent {
  if (line.indexOf(USAGE_MARK) !== -1) return usageRecord(line);
  if (line.indexOf(STATUS_MARK) !== -1) return statusUpdate(line);
  if (options.wantCwd && line.indexOf(CONFIG_MARK) !== -1) {
    const parsed = ConfigUpdateSchema.safeParse(parseJson(line));
    return parsed.success ? { kind: 'cwd', cwd: parsed.data.cwd } : null;
  }
  return null;
}

function usageRecord(line: Buffer): LineEvent {
  const json = parseJson(line);
  if (json === undefined) return { kind: 'invalid' };
  // The name may appear inside a message someone typed: only a record of that type counts.
  if (!isRecordOfType(json, 'usage.record')) return null;
  const parsed = UsageRecordSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid' };
  const { usage, model, time } = parsed.data;
  return {
    kind: 'usage',
    timeMs: time,
    model,
    input: usage.inputOther,
    output: usage.output,
    cacheRead: usage.inputCacheRead,
    cacheCreation: usage.inputCacheCreation,
    messageId: null,
  };
}

function statusUpdate(line: Buffer): LineEvent {
  const json = parseJson(line);
  if (json === undefined) return { kind: 'invalid' };
  const message = typeof json === 'object' && json !== null && 'message' in json ? json.message : null;
  if (!isRecordOfType(message, 'StatusUpdate')) return null;
  const parsed = StatusUpdateSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid' };
  const usage = parsed.data.message.payload.token_usage;
  // A status with only the context share: no request behind it.
  if (usage == null) return null;
  return {
    kind: 'usage',
    timeMs: Math.round(parsed.data.timestamp * 1000),
    model: '',
    input: usage.input_other,
    output: usage.output,
    cacheRead: usage.input_cache_read,
    cacheCreation: usage.input_cache_creation,
    messageId: parsed.data.message.payload.message_id ?? null,
  };
}

function isRecordOfType(value: unknown, type: string): boolean {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === type;
}

function parseJson(line: Buffer): unknown {
  try {
    return JSON.parse(line.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
