// `kimibar`: the command line. Each command is a small module; this file only dispatches,
// passes on what the settings store had to do to a bad settings file, and turns failures into
// one clear stderr line and the documented exit code:
// 0 ok, 1 failure, 2 usage error, 3 auth error, 4 network error, 5 parse error.
// First: it configures zod before any schema is built.
import './zod-jitless.js';
import { homedir } from 'node:os';
import { EXIT } from '../core/errors.js';
import { createRuntime, type Runtime } from '../core/runtime.js';
import { APP_VERSION } from '../core/version.js';
import { echoIfPlain, echoOption, usageError } from './args.js';
import { createOutput, type Output } from './output.js';
import { reportFailure } from './report-failure.js';
import { drawStatusline, drawsLineOnly } from './statusline-draw.js';

export type Command = (argv: readonly string[], runtime: Runtime, out: Output) => Promise<number>;

/**
 * Each command's module is loaded when it runs: the CLI is one bundle, and a command's schemas
 * and tables (the stats reports', the support bundle's, the sign-ins') would otherwise be built
 * by every run — `kimibar usage`, started by pollers, among them.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  usage: async () => (await import('./commands/usage.js')).runUsage,
  accounts: async () => (await import('./commands/accounts.js')).runAccounts,
  config: async () => (await import('./commands/config.js')).runConfig,
  login: async () => (await import('./commands/login.js')).runLogin,
  logout: async () => (await import('./commands/login.js')).runLogout,
  status: async () => (await import('./commands/status.js')).runStatus,
  // Only `statusline --refresh` needs the runtime; the line itself is drawn without it
  // (./statusline-draw.ts).
  statusline: async () => (await import('./commands/statusline-refresh.js')).runStatuslineRefresh,
  cookies: async () => (await import('./commands/cookies.js')).runCookies,
  guard: async () => (await import('./commands/guard.js')).runGuard,
  history: async () => (await import('./commands/history.js')).runHistory,
  diagnose: async () => (await import('./commands/diagnose.js')).runDiagnose,
  stats: async () => (await import('./commands/stats.js')).runStats,
};

const HELP = `kimibar ${APP_VERSION} — Kimi For Coding usage from the command line

usage:
  kimibar usage [--account NAME | --all] [--source auto|api|account|cli|web] [--json] [--no-color]
  kimibar accounts [list [--json]]
  kimibar accounts add NAME [--source auto|api|account|cli|web]
  kimibar accounts rename NAME NEW | select NAME | remove NAME
  kimibar status [--account NAME]
  kimibar login | logout [--account NAME]
  kimibar config set-api-key [--api-key KEY | --stdin] [--account NAME]
  kimibar config show | path | set KEY VALUE [--account NAME]
  kimibar cookies [--json]
  kimibar guard --window 5h|weekly --min-remaining N [--account NAME]
  kimibar history [--window 5h|weekly] [--days N] [--csv|--json] [--account NAME]
  kimibar diagnose [--account NAME] [--no-refresh] [--json]
  kimibar statusline [--account NAME] [--format plain|tmux|waybar|json] [--window 5h,weekly,…] [--template TEXT] [--used]
  kimibar statusline --refresh [--account NAME]
  kimibar stats [--days N] [--by day|model|project|session] [--json|--csv]

--account NAME picks one of your Kimi accounts by name (or id); without it, commands use the
selected account (kimibar accounts select NAME). usage --all asks every enabled account: each
is printed on its own (--json: an array), a failing account does not stop the others, and the
exit code is 0 when all answered, else the first failing account's.

statusline prints one line from the last cached numbers and never waits for the network; old
numbers show their age and start one refresh in the background. --template fills
{5h.left} {5h.used} {5h.reset} {5h.level} (also for weekly, monthly-total, monthly-code,
code-7d) and {line} {reset} {age} {plan} {account}.

exit codes: 0 ok, 1 failure (also a used-up quota), 2 usage error (also an unknown --account),
3 auth error, 4 network error, 5 parse error, 6 nothing set up yet`;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const out = createOutput(env, argv);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out.line(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    out.line(APP_VERSION);
    return EXIT.ok;
  }
  if (drawsLineOnly(argv)) return drawStatusline(argv, env, out);
  const loadCommand = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  let runtime: Runtime | null = null;
  try {
    if (!loadCommand) throw unknownCommand(name);
    const command = await loadCommand();
    runtime = await createRuntime({
      env,
      platform: process.platform,
      home: env.HOME ?? homedir(),
      appVersion: APP_VERSION,
      // The app checks the history file when it opens it; a command must not pay for that.
      checkHistoryIntegrity: false,
    });
    tellNotices(runtime, out);
    return await command(rest, runtime, out);
  } catch (error) {
    if (runtime) tellNotices(runtime, out);
    return reportFailure(error, out);
  } finally {
    // A command may read the settings file for the first time (or find it changed) while it
    // runs: whatever the store did to the file since the start is told here, once.
    if (runtime) tellNotices(runtime, out);
    runtime?.close();
  }
}

/** The settings file was moved aside (or cannot be read): say so, and where it went. */
function tellNotices(runtime: Runtime, out: Output): void {
  for (const notice of runtime.settings.takeNotices()) out.warn(notice.message);
}

function unknownCommand(name: string): Error {
  const what = name.startsWith('-') ? `unknown option${echoOption(name.split('=')[0] ?? '')}` : `unknown command${echoIfPlain(name)}`;
  return usageError(`${what} (see kimibar --help)`);
}
