// Where the CLI writes: results to stdout, one-line problems to stderr. Colour only on a
// terminal, and never when NO_COLOR is set (https://no-color.org) or --no-color is given.
import { styleText } from 'node:util';

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';

export interface Output {
  readonly color: boolean;
  line(text?: string): void;
  json(value: unknown): void;
  warn(text: string): void;
  error(text: string): void;
  style(style: Style, text: string): string;
}

export function createOutput(env: NodeJS.ProcessEnv, argv: readonly string[]): Output {
  const color = process.stdout.isTTY === true && !('NO_COLOR' in env && env.NO_COLOR !== '') && !argv.includes('--no-color');
  return {
    color,
    line: (text = '') => process.stdout.write(`${text}\n`),
    json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    warn: (text) => process.stderr.write(`warning: ${text}\n`),
    error: (text) => process.stderr.write(`${text}\n`),
    style: (style, text) => (color ? styleText(style, text) : text),
  };
}
