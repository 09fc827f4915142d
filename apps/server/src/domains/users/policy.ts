import type { Config } from '../../config/defaults.ts';

/** Mattermost's user field rules (model/user.go IsValid), as pure functions returning a problem or null. */

const RESERVED_USERNAMES = new Set(['all', 'channel', 'here', 'matterbot', 'system', 'matterfollow']);
const USERNAME = /^[a-z][a-z0-9._-]*$/;

export function usernameProblem(username: string): string | null {
  if (username.length < 3 || username.length > 22) return 'Username must be between 3 and 22 characters.';
  if (!USERNAME.test(username)) {
    return 'Username must begin with a letter and contain only lowercase letters, numbers, and the symbols ".", "-" and "_".';
  }
  if (RESERVED_USERNAMES.has(username)) return 'That username is reserved.';
  return null;
}

// A pragmatic address check: one @, something on both sides, a dot in the domain, no spaces.
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export function emailProblem(email: string): string | null {
  if (email.length > 128 || !EMAIL.test(email)) return 'Invalid email address.';
  return null;
}

export function passwordProblem(password: string, settings: Config['PasswordSettings']): string | null {
  if (Buffer.byteLength(password) > 72) return 'Password must be at most 72 bytes long.';
  const needs: string[] = [];
  if (password.length < settings.MinimumLength) needs.push(`at least ${settings.MinimumLength} characters`);
  if (settings.Lowercase && !/[a-z]/.test(password)) needs.push('a lowercase letter');
  if (settings.Uppercase && !/[A-Z]/.test(password)) needs.push('an uppercase letter');
  if (settings.Number && !/[0-9]/.test(password)) needs.push('a number');
  if (settings.Symbol && !/[^a-zA-Z0-9]/.test(password)) needs.push('a symbol');
  return needs.length ? `Your password must contain ${needs.join(', ')}.` : null;
}

export function fieldLengthProblem(fields: Record<string, string | undefined>): string | null {
  const limits: Record<string, number> = { nickname: 64, first_name: 64, last_name: 64, position: 128 };
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && limits[name] !== undefined && [...value].length > limits[name]) {
      return `${name} must be at most ${limits[name]} characters.`;
    }
  }
  return null;
}

/** RestrictCreationToDomains / team allowed domains: a space- or comma-separated list. */
export function emailDomainAllowed(email: string, domains: string): boolean {
  const list = domains
    .split(/[\s,]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  if (list.length === 0) return true;
  const domain = email.toLowerCase().split('@')[1] ?? '';
  return list.includes(domain);
}

export function initialsOf(u: { first_name: string; last_name: string; username: string }): string {
  const first = [...u.first_name.trim()][0];
  const last = [...u.last_name.trim()][0];
  if (first && last) return (first + last).toUpperCase();
  if (first) return first.toUpperCase();
  return ([...u.username][0] ?? '?').toUpperCase();
}
