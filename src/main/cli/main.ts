// `kimibar`: the command line. Each command is a small module; this file only dispatches and
// turns failures into one clear stderr line and the documented exit code (SPEC §8):
// 0 ok, 1 failure, 2 usage error, 3 auth error, 4 network error, 5 parse error.
import { homedir } from 'node:os';
import { EXIT, KimiError, redactSecrets } from '../core/errors.js';
import { createRuntime, type Runtime } from '../core/runtime.js';
import { APP_VERSION } from '../core/version.js';
import { usageError } from './args.js';
import { runConfig } from './commands/config.js';
import { runCookies } from './commands/cookies.js';
import { runGuard } from './commands/guard.js';
import { runHistory } from './commands/history.js';
import { runLogin, runLogout } from './commands/login.js';
import { runStatus } from './commands/status.js';
import { runUsage } from './commands/usage.js';
import { createOutput, type Output } from './output.js';

export type Command = (argv: readonly string[], runtime: Runtime, out: Output) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  usage: runUsage,
  config: runConfig,
  login: runLogin,
  logout: runLogout,
  status: runStatus,
  cookies: runCookies,
  guard: runGuard,
  history: runHistory,
};

const HELP = `kimibar ${APP_VERSION} — Kimi For Coding usage from the command line

usage:
  kimibar usage [--source auto|api|account|cli|web] [--json] [--no-color]
  kimibar status
  kimibar login | logout
  kimibar config set-api-key [--api-key KEY | --stdin]
  kimibar config show | path | set KEY VALUE
  kimibar cookies [--json]
  kimibar guard --window 5h|weekly --min-remaining N
  kimibar history [--window 5h|weekly] [--days N] [--csv|--json]

exit codes: 0 ok, 1 failure, 2 usage error, 3 auth error, 4 network error, 5 parse error`;

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
  const command = COMMANDS[name];
  let runtime: Runtime | null = null;
  try {
    if (!command) throw usageError(`unknown command '${name}' (see kimibar --help)`);
    runtime = await createRuntime({ env, platform: process.platform, home: env.HOME ?? homedir(), appVersion: APP_VERSION });
    for (const notice of runtime.settings.takeNotices()) out.warn(notice.message);
    return await command(rest, runtime, out);
  } catch (error) {
    return reportFailure(error, out);
  } finally {
    runtime?.close();
  }
}

function reportFailure(error: unknown, out: Output): number {
  if (error instanceof KimiError) {
    out.error(error.message);
    return error.exitCode;
  }
  // An unexpected failure still gets one line, never a stack trace with secrets in it.
  out.error(`kimibar: ${redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 300)}`);
  return EXIT.failure;
}
