// `kimibar login` / `logout`: KimiBar's own Kimi account sign-in (the device authorization
// grant, as the official Kimi Code CLI does). The tokens go to the keychain only.
import { KimiError } from '../../core/errors.js';
import { pollDeviceLogin, startDeviceLogin } from '../../core/kimi/device-login.js';
import type { Runtime } from '../../core/runtime.js';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';
import { interruptSignal } from './usage.js';

export async function runLogin(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  parseCommandArgs(argv, {}, 'kimibar login');
  if (!(await runtime.secrets.persistent())) {
    throw new KimiError('keychain-unavailable', { detail: 'a sign-in from the command line would be lost when it exits' });
  }
  const signal = interruptSignal();
  const context = await runtime.deviceLoginContext();
  const start = await startDeviceLogin(context, signal);
  out.line(`To sign in, open ${out.style('cyan', start.verificationUriComplete ?? start.verificationUri)}`);
  out.line(`and confirm the code ${out.style('bold', start.userCode)}`);
  out.line(out.style('dim', 'Waiting for confirmation… (Ctrl-C to cancel)'));
  const tokens = await pollDeviceLogin(context, start, { signal });
  await runtime.account().saveSignIn('device-login', tokens);
  out.line('Signed in to Kimi.');
  return 0;
}

export async function runLogout(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  parseCommandArgs(argv, {}, 'kimibar logout');
  const [device, session] = await Promise.all([runtime.deviceLogin.load(), runtime.webSession.load()]);
  await Promise.all([runtime.deviceLogin.clear(), runtime.webSession.clear()]);
  out.line(device || session ? 'Signed out of Kimi.' : 'Not signed in.');
  return 0;
}
