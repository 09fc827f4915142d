import { forbidden, invalidBodyParam } from '../../errors/app-error.ts';
import { hasPermissionToSystem } from '../../permissions/authorize.ts';
import type { RequestContext } from '../../http/route.ts';
import { clientOf } from './client-info.ts';

const MAX_MESSAGE = 400;
const PREFIX = 'Client Logs API Endpoint Message: ';
// Per caller: this many client messages per window reach the log; the rest are answered but dropped.
const BUDGET = 30;
const WINDOW_MS = 60_000;
const MAX_CALLERS = 10_000;

const budgets = new Map<string, { start: number; used: number }>();

function withinBudget(key: string, now: number): boolean {
  let b = budgets.get(key);
  if (!b || now - b.start >= WINDOW_MS) {
    // The map is bounded: when full, the oldest caller is forgotten (Maps iterate in insertion order).
    if (!b && budgets.size >= MAX_CALLERS) budgets.delete(budgets.keys().next().value as string);
    b = { start: now, used: 0 };
    budgets.delete(key);
    budgets.set(key, b);
  }
  b.used += 1;
  return b.used <= BUDGET;
}

/**
 * POST /logs as Mattermost does it: signed-in callers only (unless EnableDeveloper), the message cut
 * to 400 characters and prefixed, logged at ERROR only for ERROR from a system admin, else at DEBUG.
 */
export function clientLog(ctx: RequestContext, body: unknown): { level: string; message: string } {
  const developer = ctx.app.config.get().ServiceSettings.EnableDeveloper;
  if (!developer && !ctx.session) throw forbidden();
  const input = (body ?? {}) as Record<string, unknown>;
  if (typeof input.message !== 'string') throw invalidBodyParam('message');
  const level = typeof input.level === 'string' ? input.level : '';
  const message = PREFIX + input.message.slice(0, MAX_MESSAGE);
  const asError =
    level === 'ERROR' &&
    (developer || (ctx.session !== null && hasPermissionToSystem(ctx.app, ctx.session, 'manage_system')));
  const client = clientOf(ctx);
  if (withinBudget(ctx.session?.userId ?? client.ip, Date.now())) {
    const fields = { type: 'client_message', user_agent: client.userAgent.slice(0, 256) };
    if (asError) ctx.app.log.error(fields, message);
    else ctx.app.log.debug(fields, message);
  }
  return { level, message };
}
