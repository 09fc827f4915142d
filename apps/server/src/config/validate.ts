import type { Config } from './defaults.ts';

/** Range checks Mattermost applies on save; returns the first problem found, or null. */
export function validateConfig(c: Config): string | null {
  const s = c.ServiceSettings;
  if (s.SiteURL && !/^https?:\/\/[^\s/]+/.test(s.SiteURL))
    return 'ServiceSettings.SiteURL must be an http(s) URL';
  if (s.MaximumLoginAttempts < 1) return 'ServiceSettings.MaximumLoginAttempts must be at least 1';
  if (s.MaximumPayloadSizeBytes < 1) return 'ServiceSettings.MaximumPayloadSizeBytes must be positive';
  if (s.SessionLengthWebInHours < 1) return 'ServiceSettings.SessionLengthWebInHours must be at least 1';
  if (!['always_on', 'default_on', 'default_off', 'disabled'].includes(s.CollapsedThreads)) {
    return 'ServiceSettings.CollapsedThreads must be always_on, default_on, default_off or disabled';
  }
  const p = c.PasswordSettings;
  if (p.MinimumLength < 5 || p.MinimumLength > 72)
    return 'PasswordSettings.MinimumLength must be between 5 and 72';
  if (c.TeamSettings.MaxUsersPerTeam < 1) return 'TeamSettings.MaxUsersPerTeam must be at least 1';
  if (!['any', 'team'].includes(c.TeamSettings.RestrictDirectMessage)) {
    return 'TeamSettings.RestrictDirectMessage must be "any" or "team"';
  }
  if (c.ParleySettings.PasswordHashIterations < 1000)
    return 'ParleySettings.PasswordHashIterations must be at least 1000';
  return null;
}
