// `kimibar config`: the same settings file as the app, and the API key in the keychain.
import { selectedAccount } from '../../../shared/accounts.js';
import { MAX_API_KEY_LENGTH } from '../../../shared/api-key.js';
import { KimiError } from '../../core/errors.js';
import { resolveEndpoints } from '../../core/kimi/index.js';
import type { Runtime } from '../../core/runtime.js';
import { acceptApiKey } from '../../core/settings/api-key.js';
import { maskSecret } from '../../core/settings/secrets.js';
import { echoIfPlain, parseCommandArgs, usageError } from '../args.js';
import type { Output } from '../output.js';
import { describeSecrets } from './status.js';

const USAGE = 'kimibar config set-api-key [--api-key KEY | --stdin] | show | path | set KEY VALUE';
const SET_API_KEY_USAGE = 'kimibar config set-api-key [--provider kimi] [--api-key KEY | --stdin]';
const SET_USAGE = 'kimibar config set KEY VALUE';
/** Reading stdin stops here: room for a key and the white space around it, not a whole file. */
const MAX_STDIN_BYTES = 4 * MAX_API_KEY_LENGTH;

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
      throw usageError(sub === undefined ? 'missing subcommand' : `unknown subcommand${echoIfPlain(sub)}`, USAGE);
  }
}

async function setApiKey(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, { provider: { type: 'string' }, 'api-key': { type: 'string' }, stdin: { type: 'boolean' } }, SET_API_KEY_USAGE);
  // Other tools' command of this name takes the provider; KimiBar has only one.
  if (values.provider !== undefined && values.provider !== 'kimi') throw usageError("unknown provider: only 'kimi' is supported", SET_API_KEY_USAGE);
  if ((values['api-key'] === undefined) === (values.stdin !== true)) throw usageError('give the key with --api-key KEY or --stdin', SET_API_KEY_USAGE);

  const key = acceptApiKey(values.stdin ? await readStdin() : (values['api-key'] ?? ''));
  if (!(await runtime.secrets.persistent())) {
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
    if (size > MAX_STDIN_BYTES) throw usageError('that is not an API key (far too long); nothing was saved');
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
  const { positionals } = parseCommandArgs(argv, {}, SET_USAGE, 2);
  const [key, value] = positionals;
  if (key === undefined || value === undefined) throw usageError('a KEY and a VALUE are needed', SET_USAGE);
  if (key === 'kimi.apiBaseUrl' && value !== 'null' && value !== '') {
    // Refuse an unsafe base URL now, not at the next refresh.
    resolveEndpoints({ region: selectedAccount(runtime.settings.get()).region, env: {}, apiBaseUrl: value });
  }
  runtime.settings.setByKey(key, value);
  out.line(`${key} = ${JSON.stringify(readKey(runtime.settings.get(), key))}`);
  return 0;
}

function readKey(settings: object, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), settings);
}
