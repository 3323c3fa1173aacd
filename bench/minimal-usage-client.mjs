// The floor `kimibar usage --json` is measured against: the same HTTPS GET with nothing else —
// no settings, keychain, history or schema. Node's own https, the CA from NODE_EXTRA_CA_CERTS
// as the CLI uses it. Prints the body as `--json` would print a snapshot.
//   node bench/minimal-usage-client.mjs <https-url> (the API key comes from KIMI_CODE_API_KEY)
import { get } from 'node:https';

get(process.argv[2], { headers: { Authorization: `Bearer ${process.env.KIMI_CODE_API_KEY}`, Accept: 'application/json' } }, (res) => {
  const chunks = [];
  res.on('data', (chunk) => chunks.push(chunk));
  res.on('end', () => {
    if (res.statusCode !== 200) process.exitCode = 1;
    process.stdout.write(`${JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')))}\n`);
  });
}).on('error', () => (process.exitCode = 4));
