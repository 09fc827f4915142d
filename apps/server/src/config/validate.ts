import type { Config } from './defaults.ts';
import { frameAncestorsProblem, REFERRER_POLICIES } from '../http/security-headers.ts';

/** Range checks Mattermost applies on save; returns the first problem found, or null. */
export function validateConfig(c: Config): string | null {
  const s = c.ServiceSettings;
  if (s.SiteURL && !/^https?:\/\/[^\s/]+/.test(s.SiteURL))
    return 'ServiceSettings.SiteURL must be an http(s) URL';
  if (s.MaximumLoginAttempts < 1) return 'ServiceSettings.MaximumLoginAttempts must be at least 1';
  if (s.MaximumPayloadSizeBytes < 1) return 'ServiceSettings.MaximumPayloadSizeBytes must be positive';
  if (s.SessionLengthWebInHours < 1) return 'ServiceSettings.SessionLengthWebInHours must be at least 1';
  if (s.SessionIdleTimeoutInMinutes !== 0 && s.SessionIdleTimeoutInMinutes < 5)
    return 'ServiceSettings.SessionIdleTimeoutInMinutes must be 0 (no timeout) or at least 5';
  if (!['always_on', 'default_on', 'default_off', 'disabled'].includes(s.CollapsedThreads)) {
    return 'ServiceSettings.CollapsedThreads must be always_on, default_on, default_off or disabled';
  }
  const p = c.PasswordSettings;
  if (p.MinimumLength < 5 || p.MinimumLength > 72)
    return 'PasswordSettings.MinimumLength must be between 5 and 72';
  if (c.TeamSettings.MaxUsersPerTeam < 1) return 'TeamSettings.MaxUsersPerTeam must be at least 1';
  if (!(c.SupportSettings.CustomTermsOfServiceReAcceptancePeriod >= 1))
    return 'SupportSettings.CustomTermsOfServiceReAcceptancePeriod must be at least 1';
  if (!['any', 'team'].includes(c.TeamSettings.RestrictDirectMessage)) {
    return 'TeamSettings.RestrictDirectMessage must be "any" or "team"';
  }
  if (c.ParleySettings.PasswordHashIterations < 1000)
    return 'ParleySettings.PasswordHashIterations must be at least 1000';
  return securitySettingsProblem(c);
}

/** The rate limit, cookie and embedding settings (docs/security.md). */
function securitySettingsProblem(c: Config): string | null {
  const r = c.RateLimitSettings;
  if (!(r.PerSec > 0)) return 'RateLimitSettings.PerSec must be positive';
  if (r.MaxBurst < 0) return 'RateLimitSettings.MaxBurst must not be negative';
  if (r.MemoryStoreSize < 1) return 'RateLimitSettings.MemoryStoreSize must be at least 1';
  if (r.Enable && !r.VaryByRemoteAddr && !r.VaryByUser && !r.VaryByHeader.trim())
    return 'RateLimitSettings needs VaryByRemoteAddr, VaryByUser or VaryByHeader';
  const p = c.ParleySettings;
  if (p.MaximumSessionsPerUser < 0) return 'ParleySettings.MaximumSessionsPerUser must not be negative';
  if (p.LoginRateLimitPerMinute < 0) return 'ParleySettings.LoginRateLimitPerMinute must not be negative';
  if (!['Lax', 'Strict', 'None'].includes(p.CookieSameSite))
    return 'ParleySettings.CookieSameSite must be Lax, Strict or None';
  if (p.CookieSameSite === 'None' && c.ServiceSettings.SiteURL.startsWith('http://'))
    return 'ParleySettings.CookieSameSite None needs Secure cookies, so ServiceSettings.SiteURL must be https://';
  if (!REFERRER_POLICIES.includes(p.ReferrerPolicy))
    return `ParleySettings.ReferrerPolicy must be one of ${REFERRER_POLICIES.join(', ')}`;
  if (c.ServiceSettings.TLSStrictTransportMaxAge < 0)
    return 'ServiceSettings.TLSStrictTransportMaxAge must not be negative';
  return frameAncestorsProblem(p.FrameAncestors);
}
