import type { Route } from '../../src/http/route.ts';
import type { World } from '../authz/world.ts';
import type { Variant } from './variants.ts';

/**
 * Pages a browser is sent to (not API calls): their errors are HTML pages for a person, as in
 * Mattermost; they must still never be a 5xx.
 */
const BROWSER_PAGES = new Set(['GET /oauth/authorize']);

/** What one malformed request got back, judged. */
export interface Answer {
  status: number;
  problem: string | null;
}

/** The world's ids by parameter name, as the sweep fills paths and bodies with them. */
export function sweepIds(w: World, route: Route): Record<string, string> {
  return {
    user_id: w.member.user.id,
    username: w.member.user.username,
    email: w.member.user.email,
    team_id: w.teamA.id,
    team_name: w.teamA.name,
    invite_id: w.teamA.inviteId,
    channel_id: w.pub.id,
    channel_name: w.pub.name,
    post_id: w.posts.pub,
    thread_id: w.posts.pub,
    file_id: w.file.id,
    hook_id: route.url.startsWith('/hooks/outgoing') ? w.outgoingHook.id : w.incomingHook.id,
    command_id: w.command.id,
    bot_user_id: w.bot.userId,
    token_id: w.pat.id,
    emoji_id: w.emoji.id,
    emoji_name: w.emoji.name,
    category_id: w.category.id,
    category: 'display_settings',
    preference_name: 'use_military_time',
    role_id: w.role.id,
    role_name: w.role.name,
    timestamp: String(Date.now()),
    action_id: 'noaction',
    app_id: w.oauthApp?.id ?? 'x',
  };
}

/**
 * Sends one variant (5 s bound) and judges the answer: never a 5xx other than 501, and every
 * error in Mattermost's JSON shape carrying this request's X-Request-ID.
 */
export async function sendVariant(w: World, route: Route, v: Variant, token: string | null): Promise<Answer> {
  const base = route.absolute ? w.server.url : `${w.server.url}/api/v4`;
  const url = `${base}${v.path}${v.query ? `?${v.query}` : ''}`;
  const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (v.contentType !== undefined) headers['Content-Type'] = v.contentType;
  const what = `${token ? 'admin' : 'anonymous'} ${route.method} ${route.url} (${v.label})`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: route.method,
      headers,
      body: v.body === undefined ? undefined : new Uint8Array(Buffer.from(v.body)),
      signal: AbortSignal.timeout(5000),
    });
    text = await res.text();
  } catch (err) {
    return { status: 0, problem: `${what}: ${(err as Error).message}` };
  }
  const status = res.status;
  if (status >= 500 && status !== 501) return { status, problem: `${what}: ${status} ${text.slice(0, 300)}` };
  if (status < 400 || BROWSER_PAGES.has(`${route.method} ${route.url}`)) return { status, problem: null };
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { status, problem: `${what}: ${status} error is not JSON: ${text.slice(0, 120)}` };
  }
  const requestId = res.headers.get('x-request-id');
  if (
    typeof body.id !== 'string' ||
    typeof body.message !== 'string' ||
    body.status_code !== status ||
    !requestId ||
    body.request_id !== requestId
  )
    return { status, problem: `${what}: ${status} error not in Mattermost's shape: ${text.slice(0, 200)}` };
  return { status, problem: null };
}
