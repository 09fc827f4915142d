import type { App } from '../../app.ts';
import type { Config } from '../../config/defaults.ts';

export type GuestSettings = Config['GuestAccountsSettings'];

export function guestSettings(app: App): GuestSettings {
  return app.config.get().GuestAccountsSettings;
}
