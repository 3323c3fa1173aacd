// Where the CLI writes: results to stdout, one-line problems to stderr. Colour only on a
// terminal, and never when NO_COLOR is set (https://no-color.org) or --no-color is given.
import { writeSync } from 'node:fs';
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
  const color = colorWanted(env, argv);
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

/**
 * The same output for a process that writes a line or two and exits — the status line, started
 * every second. It writes straight to file descriptors 1 and 2: the first touch of
 * process.stdout builds a stream for it (for a pipe, a socket: Node's net and streams, a good
 * part of such a run). Whether there is a terminal is asked only if something wants colour.
 */
export function createLineOutput(env: NodeJS.ProcessEnv, argv: readonly string[]): Output {
  let color: boolean | undefined;
  const wantsColor = (): boolean => (color ??= colorWanted(env, argv));
  return {
    get color() {
      return wantsColor();
    },
    line: (text = '') => writeWhole(1, `${text}\n`),
    json: (value) => writeWhole(1, `${JSON.stringify(value, null, 2)}\n`),
    warn: (text) => writeWhole(2, `warning: ${oneLine(text)}\n`),
    error: (text) => writeWhole(2, `${oneLine(text)}\n`),
    style: (style, text) => (wantsColor() ? styleText(style, text) : text),
  };
}

function colorWanted(env: NodeJS.ProcessEnv, argv: readonly string[]): boolean {
  return process.stdout.isTTY === true && !('NO_COLOR' in env && env.NO_COLOR !== '') && !argv.includes('--no-color');
}

/** All of `text` to the descriptor; a reader that has gone (EPIPE) is not a failure, as with
 *  createOutput. A non-blocking pipe that is full (EAGAIN) gets the rest through Node's stream,
 *  which waits for it. */
function writeWhole(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(offset));
      return;
    }
  }
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
