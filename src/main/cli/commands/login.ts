// `kimibar login` / `logout`: KimiBar's own Kimi account sign-in (the device authorization
// grant, as the official Kimi Code CLI does). The tokens go to the keychain only.
import { KimiError } from '../../core/errors.js';
import { pollDeviceLogin, startDeviceLogin } from '../../core/kimi/device-login.js';
import type { Runtime } from '../../core/runtime.js';
import { ACCOUNT_OPTION, accountFor, whoseText } from '../account-option.js';
import { parseCommandArgs } from '../args.js';
import type { Output } from '../output.js';
import { interruptSignal } from './usage.js';

export async function runLogin(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, ACCOUNT_OPTION, 'kimibar login [--account NAME]');
  const account = accountFor(runtime, values.account);
  if (!(await account.secrets.persistent())) {
    throw new KimiError('keychain-unavailable', { detail: 'a sign-in from the command line would be lost when it exits' });
  }
  const signal = interruptSignal();
  const context = await account.deviceLoginContext();
  const start = await startDeviceLogin(context, signal);
  out.line(`To sign in, open ${out.style('cyan', start.verificationUriComplete ?? start.verificationUri)}`);
  out.line(`and confirm the code ${out.style('bold', start.userCode)}`);
  out.line(out.style('dim', 'Waiting for confirmation… (Ctrl-C to cancel)'));
  const tokens = await pollDeviceLogin(context, start, { signal });
  await account.saveSignIn('device-login', tokens);
  out.line(`Signed in to Kimi.${whoseText(runtime, account)}`);
  return 0;
}

export async function runLogout(argv: readonly string[], runtime: Runtime, out: Output): Promise<number> {
  const { values } = parseCommandArgs(argv, ACCOUNT_OPTION, 'kimibar logout [--account NAME]');
  const account = accountFor(runtime, values.account);
  const [device, session] = await Promise.all([account.deviceLogin.load(), account.webSession.load()]);
  await Promise.all([account.deviceLogin.clear(), account.webSession.clear()]);
  out.line(`${device || session ? 'Signed out of Kimi.' : 'Not signed in.'}${whoseText(runtime, account)}`);
  return 0;
}
