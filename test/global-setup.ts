// Runs once before any test worker starts: makes the fake-kimi test CA and puts it in the
// environment the forked workers (and the processes they spawn) inherit. Node reads
// NODE_EXTRA_CA_CERTS only at start-up, which is why this cannot happen inside a test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CA_DIR_ENV, createTestCa } from './fake-kimi/test-ca.js';

export default function setup(): () => void {
  const ca = createTestCa(mkdtempSync(join(tmpdir(), 'kimibar-test-ca-')));
  process.env[TEST_CA_DIR_ENV] = ca.dir;
  process.env.NODE_EXTRA_CA_CERTS = ca.caCertPath;
  return () => rmSync(ca.dir, { recursive: true, force: true });
}
