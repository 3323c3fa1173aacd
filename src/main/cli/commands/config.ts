// `kimibar config`: the same settings file as the app, and the API key in the keychain.
import { MAX_API_KEY_LENGTH } from '../../../shared/api-key.js';
import { KimiError } from '../../core/errors.js';
import { resolveEndpoints } from '../../core/kimi/index.js';
import type { Runtime } from '../../core/runtime.js';
import { acceptApiKey } from '../../core/settings/api-key.js';
import { maskSecret } from '../../core/settings/secrets.js';
import { findSettingKey } from '../../core/settings/settings-keys.js';
import { ACCOUNT_OPTION, accountFor, whoseText } from '../account-option.js';
import { echoIfPlain, parseCommandArgs, usageError } from '../args.js';
import type { Output } from '../output.js';
import { describeSecrets } from './status.js';

const USAGE = 'kimibar config set-api-key [--api-key KEY | --stdin] [--account NAME] | show | path | set KEY VALUE [--account NAME]';
const SET_API_KEY_USAGE = 'kimibar config set-api-key [--provider kimi] [--api-key KEY | --stdin] [--account NAME]';
const SET_USAGE = 'kimibar config set KEY VALUE [--account NAME]';
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
  const { values } = parseCommandArgs(
    argv,
    { ...ACCOUNT_OPTION, provider: { type: 'string' }, 'api-key': { type: 'string' }, stdin: { type: 'boolean' } },
    SET_API_KEY_USAGE,
  );
  // Other tools' command of this name takes the provider; KimiBar has only one.
  if (values.provider !== undefined && values.provider !== 'kimi') throw usageError("unknown provider: only 'kimi' is supported", SET_API_KEY_USAGE);
  if ((values['api-key'] === undefined) === (values.stdin !== true)) throw usageError('give the key with --api-key KEY or --stdin', SET_API_KEY_USAGE);

  // Resolved before the key is read: a mistyped name stops here, and nothing is asked for.
  const account = accountFor(runtime, values.account);
  const key = acceptApiKey(values.stdin ? await readStdin() : (values['api-key'] ?? ''));
  if (!(await account.secrets.persistent())) {
    throw new KimiError('keychain-unavailable', { detail: 'the key was not saved; use KIMI_CODE_API_KEY instead' });
  }
  await account.secrets.set('api-key', key);
  out.line(`Kimi Code API key saved in the system keychain${whoseText(runtime, account)} (${maskSecret(key)})`);
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
  const { accounts } = runtime.settings.get();
  for (const settings of accounts) {
    const lines = await describeSecrets(runtime.account(settings.id));
    if (accounts.length === 1) for (const line of lines) out.line(`  ${line}`);
    else {
      out.line(`  ${settings.name} (${settings.id}):`);
      for (const line of lines) out.line(`    ${line}`);
    }
  }
  return 0;
}

function set(argv: readonly string[], runtime: Runtime, out: Output): number {
  const { values, positionals } = parseCommandArgs(argv, ACCOUNT_OPTION, SET_USAGE, 2);
  const [key, value] = positionals;
  if (key === undefined || value === undefined) throw usageError('a KEY and a VALUE are needed', SET_USAGE);
  const setting = findSettingKey(key);
  const perAccount = setting.scope === 'account';
  if (!perAccount && values.account !== undefined) throw usageError(`${setting.key} applies to every account; leave out --account`, SET_USAGE);
  const account = accountFor(runtime, values.account);
  if (key === 'kimi.apiBaseUrl' && value !== 'null' && value !== '') {
    // Refuse an unsafe base URL now, not at the next refresh.
    resolveEndpoints({ region: account.settings().region, env: {}, apiBaseUrl: value });
  }
  runtime.settings.setByKey(key, value, account.id);
  const shown = readPath(perAccount ? account.settings() : runtime.settings.get(), setting.path);
  out.line(`${key} = ${JSON.stringify(shown)}${perAccount ? whoseText(runtime, account) : ''}`);
  return 0;
}

function readPath(settings: object, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), settings);
}
