import type { ServerVersion } from './app.ts';

/**
 * The Mattermost server version Parley answers as. Mobile and desktop apps refuse servers below
 * their minimum, so this tracks the API level Parley implements.
 */
export const SERVER_VERSION: ServerVersion = {
  version: '10.11.0',
  buildNumber: 'parley-0.1.0',
  buildHash: 'parley',
};
