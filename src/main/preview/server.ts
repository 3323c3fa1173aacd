// `node dist/preview/server.js [--demo [--signed-out]] [--port N] [--speed N]`: the UI in a browser.
// --demo backs it with the built-in simulated Kimi service; without it, the real core is used
// once the app wiring provides its handlers (createAppBridgeHandlers), which this entry awaits.
import { join } from 'node:path';
import { startBridgeServer } from './bridge-server.js';
import type { BridgeHandlers } from './bridge-server.js';
import { createDemoBackend } from './demo/demo-backend.js';
import { systemUrlOpener } from './open-url.js';
import { parsePreviewArgs, timeLapseClock } from './preview-options.js';

async function main(): Promise<void> {
  const options = parsePreviewArgs(process.argv.slice(2));
  if (!options.demo) {
    console.error('kimibar preview: only --demo is available in this build (the real core is wired by the app).');
    process.exit(2);
  }
  const distDir = join(import.meta.dirname, '..');
  let close = async (): Promise<void> => undefined;
  const demo = createDemoBackend({
    clock: timeLapseClock(options.speed),
    signedOut: options.signedOut,
    openUrl: systemUrlOpener(),
    onQuit: () => void close().then(() => process.exit(0)),
    onNotification: (decision) => console.log(`notification: ${decision.kind}`),
  });
  const handlers: BridgeHandlers = demo;
  const server = await startBridgeServer({
    handlers,
    rendererDir: join(distDir, 'renderer'),
    previewDir: join(distDir, 'preview', 'public'),
    port: options.port,
  });
  close = async () => {
    demo.stop();
    await server.close();
  };
  demo.start();
  process.once('SIGINT', () => void close().then(() => process.exit(0)));
  console.log(`KimiBar demo: ${server.url}`);
}

main().catch((error: unknown) => {
  console.error(`kimibar preview: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
