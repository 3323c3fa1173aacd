// `kimibar config`: the same settings file as the app, and the API key in the keychain.
import { KimiError } from '../../core/errors.js';
import { resolveEndpoints } from '../../core/kimi/index.js';
import type { Runtime } from '../../core/runtime.js';
import { maskSecret } from '../../core/settings/secrets.js';
import { parseCommandArgs, usageError } from '../args.js';
import type { Output } from '../output.js';
import { describeSecrets } from './status.js';

const USAGE = 'kimibar config set-api-key [--api-key KEY | --stdin] | show | path | set KEY VALUE';
/** A key read from stdin is one line; anything this long is not a key. */
const MAX_KEY_LENGTH = 4096;

export async function runConfig(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'set-api-key':
      return setApiKey(rest, runtime, out);
    case 'show':
      parseCommandArgs(rest, {}, 'kimibar config show');
      return show(runtime, out);
    case 'path':
      parseCommandArgs(rest, {}, 'kimibar config path');
      out.line(runtime.settings.path);
      return 0;
    case 'set':
      return set(rest, runtime, out);
    default:
      throw usageError(`${sub === undefined ? 'missing subcommand' : `unknown subcommand '${sub}'`}\nusage: ${USAGE}`);
  }
}

async function setApiKey(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const usage = 'kimibar config set-api-key [--provider kimi] [--api-key KEY | --stdin]';
  const { values } = parseCommandArgs(argv, { provider: { type: 'string' }, 'api-key': { type: 'string' }, stdin: { type: 'boolean' } }, usage);
  // The seed's command names the provider; KimiBar has only one.
  if (values.provider !== undefined && values.provider !== 'kimi') throw usageError(`unknown provider '${values.provider}': only 'kimi' is supported`);
  if ((values['api-key'] === undefined) === (values.stdin !== true)) throw usageError(`give the key with --api-key KEY or --stdin\nusage: ${usage}`);

  const key = (values.stdin ? await readStdin() : (values['api-key'] ?? '')).trim();
  if (key === '') throw new KimiError('api-key-missing');
  if (key.length > MAX_KEY_LENGTH || /\s/.test(key)) throw usageError('that does not look like an API key (one line, no spaces)');
  if (!runtime.secrets.persistent) {
    throw new KimiError('keychain-unavailable', { detail: 'the key was not saved; use KIMI_CODE_API_KEY instead' });
  }
  await runtime.secrets.set('api-key', key);
  out.line(`Kimi Code API key saved in the system keychain (${maskSecret(key)})`);
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_KEY_LENGTH) throw usageError('that does not look like an API key (too long)');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function show(runtime: Runtime, out: Output): Promise<number> {
  out.line(`settings: ${runtime.settings.path}`);
  out.line(JSON.stringify(runtime.settings.get(), null, 2));
  out.line('secrets (system keychain, service "KimiBar"):');
  for (const line of await describeSecrets(runtime)) out.line(`  ${line}`);
  return 0;
}

function set(argv: readonly string[], runtime: Runtime, out: Output): number {
  const { positionals } = parseCommandArgs(argv, {}, 'kimibar config set KEY VALUE', 2);
  const [key, value] = positionals;
  if (key === undefined || value === undefined) throw usageError('usage: kimibar config set KEY VALUE');
  if (key === 'kimi.apiBaseUrl' && value !== 'null' && value !== '') {
    // Refuse an unsafe base URL now, not at the next refresh.
    resolveEndpoints({ region: runtime.settings.get().kimi.region, env: {}, apiBaseUrl: value });
  }
  runtime.settings.setByKey(key, value);
  out.line(`${key} = ${JSON.stringify(readKey(runtime.settings.get(), key))}`);
  return 0;
}

function readKey(settings: object, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), settings);
}

