// Where the CLI writes: results to stdout, one-line problems to stderr. Colour only on a
// terminal, and never when NO_COLOR is set (https://no-color.org) or --no-color is given.
import { styleText } from 'node:util';

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

export interface Output {
  readonly color: boolean;
  line(text?: string): void;
  json(value: unknown): void;
  /** One line on stderr, "warning: …". */
  warn(text: string): void;
  /** One line on stderr. */
  error(text: string): void;
  style(style: Style, text: string): string;
}

export function createOutput(env: NodeJS.ProcessEnv, argv: readonly string[]): Output {
  const color = process.stdout.isTTY === true && !('NO_COLOR' in env && env.NO_COLOR !== '') && !argv.includes('--no-color');
  quietOnClosedPipe();
  return {
    color,
    line: (text = '') => process.stdout.write(`${text}\n`),
    json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    warn: (text) => process.stderr.write(`warning: ${oneLine(text)}\n`),
    error: (text) => process.stderr.write(`${oneLine(text)}\n`),
    style: (style, text) => (color ? styleText(style, text) : text),
  };
}

/** A problem is one line, so scripts can read the first stderr line and people see it whole. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

let pipeGuarded = false;

/**
 * `kimibar config show | head -3` closes stdout early; the rest of the output has no reader,
 * which is not a failure worth a stack trace. Other write errors still surface.
 */
function quietOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
