// The kimi domain's public face: one credential in, one UsageSnapshot out. The credential's
// kind picks the endpoint (Code API for keys and OAuth tokens, web usage + membership for web
// tokens); the mapping turns the body into windows; the snapshot names its source.
import type { UsageSnapshot } from '../../../shared/usage.js';
import type { Clock } from '../ports.js';
import { fetchCodeApiUsage } from './code-api.js';
import { credentialLabel, type Credential } from './credential.js';
import type { KimiEndpoints } from './endpoints.js';
import type { IdentityHeaders } from './identity.js';
import type { Transport } from './transport.js';
import { buildSnapshot, mapCodeApiUsage, mapWebUsage } from './usage-mapping.js';
import { fetchWebUsage } from './web-api.js';

export { resolveEndpoints, regionHosts, type KimiEndpoints } from './endpoints.js';

export interface UsageFetchContext {
  readonly endpoints: KimiEndpoints;
  readonly identity: IdentityHeaders;
  /** IANA zone sent as `r-timezone` on the web path. */
  readonly timezone: string;
  readonly clock: Clock;
  readonly transport?: Transport;
  readonly membershipBudgetMs?: number;
}

export async function fetchUsageSnapshot(context: UsageFetchContext, credential: Credential, signal?: AbortSignal): Promise<UsageSnapshot> {
  const { endpoints, transport } = context;
  const reading =
    credential.kind === 'web'
      ? await fetchWebUsage({
          webBaseUrl: endpoints.webBaseUrl,
          token: credential.token,
          timezone: context.timezone,
          signal,
          transport,
          membershipBudgetMs: context.membershipBudgetMs,
        }).then(({ usage, membership }) => mapWebUsage(usage, membership))
      : mapCodeApiUsage(
          await fetchCodeApiUsage({ url: endpoints.codeApiUsagesUrl, credential, identity: context.identity, transport, signal }),
        );
  return buildSnapshot(reading, { kind: credential.kind, label: credentialLabel(credential) }, new Date(context.clock.now()));
}
