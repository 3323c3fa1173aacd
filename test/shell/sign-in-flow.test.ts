import { describe, expect, it } from 'vitest';
import type { CapturedWebSession } from '../../src/main/core/service/shell-ports.js';
import type { SignInEvent, SignInPhase } from '../../src/main/shell/sign-in-flow.js';
import { mayReadSiteStorage, signInOpenAction, signInStep } from '../../src/main/shell/sign-in-flow.js';

const session: CapturedWebSession = { accessToken: 'header.payload.signature', refreshToken: 'refresh', expiresAt: 1_800_000_000_000 };

/** Runs events through the machine, collecting what it asked the window to do. */
function run(events: SignInEvent[], from: SignInPhase = 'waiting') {
  let phase = from;
  const checks: number[] = [];
  const settled: (CapturedWebSession | null)[] = [];
  let closes = 0;
  for (const [index, event] of events.entries()) {
    const step = signInStep(phase, event);
    phase = step.phase;
    if (step.check) checks.push(index);
    if (step.settle !== undefined) settled.push(step.settle);
    if (step.closeWindow) closes += 1;
  }
  return { phase, checks, settled, closes };
}

describe('signInStep', () => {
  it('looks after every page load and every poll while waiting', () => {
    const result = run([{ type: 'page-loaded' }, { type: 'poll' }, { type: 'read', captured: null }, { type: 'poll' }]);
    expect(result).toEqual({ phase: 'waiting', checks: [0, 1, 3], settled: [], closes: 0 });
  });

  it('a reading with a session answers it once and closes the window', () => {
    const result = run([{ type: 'poll' }, { type: 'read', captured: session }, { type: 'window-closed' }, { type: 'read', captured: session }, { type: 'poll' }]);
    expect(result).toEqual({ phase: 'signed-in', checks: [0], settled: [session], closes: 1 });
  });

  it('closing the window first answers "not signed in", and a late reading changes nothing', () => {
    const result = run([{ type: 'page-loaded' }, { type: 'window-closed' }, { type: 'read', captured: session }, { type: 'window-closed' }]);
    expect(result).toEqual({ phase: 'closed', checks: [0], settled: [null], closes: 0 });
  });
});

describe('signInOpenAction', () => {
  it('brings an open window forward and makes a new one otherwise', () => {
    expect(signInOpenAction(true)).toBe('focus');
    expect(signInOpenAction(false)).toBe('create');
  });
});

describe('mayReadSiteStorage', () => {
  const kimi = 'https://www.kimi.com';

  it('reads local storage on the Kimi site, whatever the page', () => {
    expect(mayReadSiteStorage('https://www.kimi.com/code/console', kimi)).toBe(true);
    expect(mayReadSiteStorage('https://www.kimi.com/?from=login#done', kimi)).toBe(true);
  });

  it('never on an identity provider, a look-alike, another port or scheme, or no page', () => {
    for (const url of [
      'https://accounts.google.com/o/oauth2/auth',
      'https://www.kimi.com.evil.example/',
      'https://kimi.com/',
      'https://www.kimi.com:8443/',
      'http://www.kimi.com/',
      'about:blank',
      '',
    ]) {
      expect(mayReadSiteStorage(url, kimi), url).toBe(false);
    }
  });
});
