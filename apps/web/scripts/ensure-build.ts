import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm start` runs this first: the web app is built when dist/ is missing or older than its sources,
// so a fresh clone serves the app after `npm install && npm start` and an edited one serves the edit.
const web = fileURLToPath(new URL('..', import.meta.url));

function newest(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = newest(join(web, 'dist', 'index.html'));
const sources = Math.max(
  ...['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(web, p))),
);
if (built === 0 || sources > built) {
  console.log(built === 0 ? 'Building the web app…' : 'The web app changed: rebuilding…');
  const result = spawnSync('npm', ['run', 'build', '-w', '@parley/web'], {
    stdio: 'inherit',
    cwd: join(web, '..', '..'),
  });
  if (result.status !== 0) {
    console.error('The web app did not build; the server starts without it.');
  }
}
