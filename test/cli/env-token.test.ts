// KIMI_AUTH_TOKEN as people set it in a shell or a .env file: often with the quotes copied in
// (`KIMI_AUTH_TOKEN='"eyJ…"'`, or an env file loader that keeps them). The built `kimibar`
// must send the token alone, in both the Cookie and the Authorization header.
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { fakeJwt } from '../fake-kimi/index.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const kimi = useFakeKimi();
let sandbox: CliSandbox;
const token = fakeJwt({ sub: 'traffic-1', exp: Math.floor(Date.now() / 1000) + 3600 });

beforeEach(() => {
  sandbox = cliSandbox(kimi.url);
});

describe('a quoted KIMI_AUTH_TOKEN', () => {
  it.each([`"${token}"`, `'${token}'`, ` "${token}"\n`])('is sent without its quotes (%#)', async (value) => {
    const result = await sandbox.run(['usage', '--source', 'web', '--json'], { env: { KIMI_AUTH_TOKEN: value } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(UsageSnapshotSchema.parse(JSON.parse(result.stdout)).source.kind).toBe('web');

    const [request] = kimi.requestsTo('webUsages');
    expect(request?.headers.cookie).toBe(`kimi-auth=${token}`);
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
  });
});
