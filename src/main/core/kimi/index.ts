// The kimi domain's public face: one credential in, one UsageSnapshot out. The credential's
// kind picks the endpoint (Code API for keys and OAuth tokens, web usage + membership for web
// tokens); the mapping turns the body into windows; the snapshot names its source.
import type { UsageSnapshot } from '../../../shared/usage.js';
import type { Clock } from '../ports.js';
import { fetchCodeApiUsage } from './code-api.js';
import { credentialLabel, type Credential } from './credential.js';
import { cliLoginUsagesUrl, type KimiEndpoints } from './endpoints.js';
import type { IdentityHeaders } from './identity.js';
import type { Transport } from './transport.js';
import { buildSnapshot, mapCodeApiUsage, mapWebUsage } from './usage-mapping.js';
import { fetchWebUsage } from './web-api.js';

export { resolveEndpoints, regionHosts, type KimiEndpoints } from './endpoints.js';

/** The answers a usage refresh reads, by name (a support bundle keeps the shape of each). */
export type ResponseEndpoint = 'code-api-usages' | 'web-usages' | 'membership-stats';

export interface UsageFetchContext {
  readonly endpoints: KimiEndpoints;
  readonly identity: IdentityHeaders;
  /** IANA zone sent as `r-timezone` on the web path; asked only there (ICU's lookup costs a
   *  CLI run tens of milliseconds). */
  readonly timezone: () => string;
  readonly clock: Clock;
  readonly transport?: Transport;
  readonly membershipBudgetMs?: number;
  /** Sees each parsed answer before it is mapped (a support bundle keeps its shape). */
  readonly onResponse?: (endpoint: ResponseEndpoint, body: unknown) => void;
}

export async function fetchUsageSnapshot(context: UsageFetchContext, credential: Credential, signal?: AbortSignal): Promise<UsageSnapshot> {
  const { endpoints, transport } = context;
  const seen = context.onResponse ?? (() => undefined);
  let reading;
  if (credential.kind === 'web') {
    const { usage, membership } = await fetchWebUsage({
      webBaseUrl: endpoints.webBaseUrl,
      token: credential.token,
      timezone: context.timezone(),
      signal,
      transport,
      membershipBudgetMs: context.membershipBudgetMs,
    });
    seen('web-usages', usage);
    if (membership !== null) seen('membership-stats', membership);
    reading = mapWebUsage(usage, membership);
  } else {
    // A Kimi Code CLI login is read from its own base URL (checked to be Kimi's); the
    // Region setting and the base-URL overrides are for KimiBar's own credentials.
    const url = credential.kind === 'kimi-cli' ? cliLoginUsagesUrl(credential.baseUrl) : endpoints.codeApiUsagesUrl;
    const body = await fetchCodeApiUsage({ url, credential, identity: context.identity, transport, signal });
    seen('code-api-usages', body);
    reading = mapCodeApiUsage(body);
  }
  return buildSnapshot(reading, { kind: credential.kind, label: credentialLabel(credential) }, new Date(context.clock.now()));
}
