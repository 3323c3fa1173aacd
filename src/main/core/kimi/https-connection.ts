// One exchange over Node's own `node:https` (./connection.ts). Certificates are verified
// against Node's store plus NODE_EXTRA_CA_CERTS; nothing here follows a redirect.
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Connection, Exchange } from './connection.js';

export const httpsConnection: Connection = (url, { method, headers, body, signal }) =>
  new Promise<Exchange>((resolve, reject) => {
    // `signal` destroys the request, and with it a response still being read.
    const req = httpsRequest(url, { method, headers, signal }, (res) => resolve(exchangeOf(res)));
    // Later errors (the connection dropped mid-body) reach the reader through the response.
    req.on('error', reject);
    req.end(body);
  });

function exchangeOf(res: IncomingMessage): Exchange {
  return {
    status: res.statusCode ?? 0,
    header: (name) => {
      const value = res.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
    body: res,
    discard: async () => void res.destroy(),
  };
}
