import { resolve } from 'node:path';
import { startParley } from './server.ts';

// Entry point for `npm start`: config from MM_CONFIG or ./config/config.json, then serve until SIGTERM/SIGINT.
const configPath = resolve(process.env.MM_CONFIG ?? 'config/config.json');

try {
  const parley = await startParley({ configPath });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    parley.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await parley.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  console.error(`Parley could not start.\n${(err as Error).message}`);
  process.exit(1);
}
