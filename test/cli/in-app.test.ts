// The flag that makes the app's binary the `kimibar` command (resources/bin/kimibar passes it).
import { describe, expect, it } from 'vitest';
import { IN_APP_CLI_FLAG, inAppCliArgs } from '../../src/main/cli/in-app.js';

describe('inAppCliArgs', () => {
  it('is null for the app: no flag', () => {
    expect(inAppCliArgs(['/Applications/KimiBar.app/Contents/MacOS/KimiBar'])).toBeNull();
    expect(inAppCliArgs(['/opt/KimiBar/kimibar-app', '--no-sandbox'])).toBeNull();
  });

  it('takes what follows the flag and the `--` that ends Chromium\'s switches, unchanged', () => {
    expect(inAppCliArgs(['/opt/KimiBar/kimibar-app', '--ozone-platform=headless', IN_APP_CLI_FLAG, '--', 'usage', '--json', '--', ''])).toEqual(['usage', '--json', '--', '']);
    expect(inAppCliArgs(['KimiBar', IN_APP_CLI_FLAG, '--'])).toEqual([]);
  });

  it('takes the arguments without `--` too (`electron . --kimibar-cli status` from a checkout)', () => {
    expect(inAppCliArgs(['electron', '.', IN_APP_CLI_FLAG, 'status'])).toEqual(['status']);
  });

  it('reads only the first flag: a later one is an argument of the command', () => {
    expect(inAppCliArgs(['KimiBar', IN_APP_CLI_FLAG, '--', 'config', 'set', 'x', IN_APP_CLI_FLAG])).toEqual(['config', 'set', 'x', IN_APP_CLI_FLAG]);
  });
});
