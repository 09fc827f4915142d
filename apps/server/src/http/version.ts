import { createHash } from 'node:crypto';
import type { App } from '../app.ts';

let cached: { config: unknown; header: string } | null = null;

/** `X-Version-Id`: "{version}.{build}.{config hash}.{licensed}", as Mattermost's clients parse it. */
export function versionHeader(app: App): string {
  const config = app.config.get();
  if (cached?.config !== config) {
    const hash = createHash('md5').update(JSON.stringify(config)).digest('hex');
    cached = { config, header: `${app.version.version}.${app.version.buildNumber}.${hash}.false` };
  }
  return cached.header;
}
