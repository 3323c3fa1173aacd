// Runs inside `unshare --net --mount` (a private network and mount namespace, as root) and
// makes a real Kimi host name reach the test's fake server, loopback only:
//   1. brings up `lo` — the namespace has no other interface, so nothing can leave it;
//   2. bind-mounts the test's hosts file over /etc/hosts (private to this mount namespace),
//      so `api.kimi.ai` resolves to 127.0.0.1 through the ordinary resolver;
//   3. listens on 127.0.0.1:443 and relays each connection, bytes untouched (TLS included), to
//      the Unix socket the test serves fake-kimi on (a socket file crosses network namespaces);
//   4. runs the command given after `--` and exits with its code.
// Usage: node kimi-host-namespace.mjs <hosts file> <unix socket> -- <command> [args...]
import { execFileSync, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

const [hostsFile, socketPath, separator, command, ...args] = process.argv.slice(2);
if (!hostsFile || !socketPath || separator !== '--' || !command) {
  console.error('usage: kimi-host-namespace.mjs <hosts file> <unix socket> -- <command> [args...]');
  process.exit(2);
}

execFileSync('ip', ['link', 'set', 'lo', 'up']);
execFileSync('mount', ['--bind', hostsFile, '/etc/hosts']);

const relay = createServer((client) => {
  const upstream = connect(socketPath);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
relay.listen(443, '127.0.0.1', () => {
  const child = spawn(command, args, { stdio: 'inherit', env: process.env });
  child.on('error', (error) => {
    console.error(`kimi-host-namespace: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    relay.close();
    process.exit(code ?? (signal ? 1 : 0));
  });
});
