// A certificate authority made at test time, so the fake Kimi server speaks real TLS and the
// code under test verifies it exactly as it would verify kimi.com: the CA reaches Node through
// NODE_EXTRA_CA_CERTS (read at process start, so set it before starting the process that
// connects), never through a switch that turns checking off.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCa {
  readonly dir: string;
  /** The CA certificate (PEM) to trust: NODE_EXTRA_CA_CERTS points here. */
  readonly caCertPath: string;
  readonly serverKeyPath: string;
  readonly serverCertPath: string;
}

/** Where the global setup publishes the CA for workers and child processes. */
export const TEST_CA_DIR_ENV = 'KIMIBAR_TEST_CA_DIR';

function pathsIn(dir: string): TestCa {
  return { dir, caCertPath: join(dir, 'ca.pem'), serverKeyPath: join(dir, 'server.key'), serverCertPath: join(dir, 'server.pem') };
}

/** Writes a fresh CA and a server certificate for 127.0.0.1 / localhost into `dir`. */
export function createTestCa(dir: string): TestCa {
  const ca = pathsIn(dir);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', caKeyPath(dir), '-out', ca.caCertPath, '-days', '3', '-subj', '/CN=KimiBar Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  issueServerCertificate(ca, ca.serverKeyPath, ca.serverCertPath, 'IP:127.0.0.1,DNS:localhost');
  return ca;
}

/**
 * The same CA with a server certificate for other names (`DNS:api.kimi.ai`), written into
 * `dir`: for a test that resolves a real Kimi host name to loopback inside a private network
 * namespace. Only this test's processes trust the CA, so the certificate is worthless elsewhere.
 */
export function withServerNames(ca: TestCa, dir: string, subjectAltName: string): TestCa {
  const issued = { ...ca, serverKeyPath: join(dir, 'server.key'), serverCertPath: join(dir, 'server.pem') };
  issueServerCertificate(ca, issued.serverKeyPath, issued.serverCertPath, subjectAltName);
  return issued;
}

function caKeyPath(dir: string): string {
  return join(dir, 'ca.key');
}

function issueServerCertificate(ca: TestCa, keyPath: string, certPath: string, subjectAltName: string): void {
  const stem = certPath.replace(/\.pem$/, '');
  const csr = `${stem}.csr`;
  const extensions = `${stem}.ext`;
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', ...ec, '-keyout', keyPath, '-out', csr, '-subj', '/CN=localhost']);
  writeFileSync(extensions, [
    `subjectAltName=${subjectAltName}`,
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    '',
  ].join('\n'));
  // A random serial rather than -CAcreateserial: no serial file is written beside a CA that
  // several test files share.
  openssl(['x509', '-req', '-in', csr, '-CA', ca.caCertPath, '-CAkey', caKeyPath(ca.dir), '-set_serial', `0x${randomBytes(8).toString('hex')}`,
    '-out', certPath, '-days', '3', '-extfile', extensions]);
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * The CA prepared by test/global-setup.ts, or — outside vitest (benchmarks, scripts) — a new
 * one, published in the environment so child processes started afterwards trust it.
 */
export function ensureTestCa(): TestCa {
  const published = process.env[TEST_CA_DIR_ENV];
  if (published !== undefined && existsSync(pathsIn(published).serverCertPath)) return pathsIn(published);
  const ca = createTestCa(mkdtempSync(join(tmpdir(), 'kimibar-test-ca-')));
  process.env[TEST_CA_DIR_ENV] = ca.dir;
  process.env.NODE_EXTRA_CA_CERTS = ca.caCertPath;
  return ca;
}

export function readServerCredentials(ca: TestCa): { key: Buffer; cert: Buffer } {
  return { key: readFileSync(ca.serverKeyPath), cert: readFileSync(ca.serverCertPath) };
}
