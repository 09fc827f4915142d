/** How notifications name people and link to posts. */

export interface Person {
  username: string;
  first_name: string;
  last_name: string;
  nickname: string;
}

/** Mattermost's User.GetDisplayName for TeamSettings.TeammateNameDisplay. */
export function displayName(p: Person, format: string): string {
  const full = [p.first_name, p.last_name].filter(Boolean).join(' ');
  if (format === 'nickname_full_name') return p.nickname || full || p.username;
  if (format === 'full_name') return full || p.username;
  return p.username;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/u, '');
}

/** The permalink Mattermost mails: {SiteURL}/{team}/pl/{post_id}. */
export function permalink(siteURL: string, teamName: string, postId: string): string {
  return `${trimSlash(siteURL)}/${encodeURIComponent(teamName)}/pl/${postId}`;
}

/** Where the web client shows the account's notification settings (the mails' unsubscribe link). */
export function settingsLink(siteURL: string): string {
  return `${trimSlash(siteURL)}/settings/notifications`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "November 21, 2026" in UTC (the server cannot know the reader's zone for a mail subject). */
export function mailDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

export function mailTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}
