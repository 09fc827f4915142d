import type { App } from '../../app.ts';
import type { RequestContext } from '../../http/route.ts';
import { newId } from '../../platform/ids.ts';
import { clientOf } from './client-info.ts';
import { insertAudit } from './store.ts';

export type AuditExtra = Record<string, string | number | boolean | undefined>;

/** Whose action it was, when the request has no session yet (login) or acts for someone else. */
export interface AuditActor {
  userId?: string;
  sessionId?: string;
}

// Values that must never reach the trail even if a caller passes them by mistake.
const SECRET_KEYS = /password|secret|token|code/i;

/** Mattermost's extra_info is one line of `key=value` words. */
export function formatExtra(extra: AuditExtra): string {
  return Object.entries(extra)
    .filter(([key, value]) => value !== undefined && !SECRET_KEYS.test(key))
    .map(([key, value]) => `${key}=${String(value).replace(/\s+/g, '_')}`)
    .join(' ')
    .slice(0, 1024);
}

/**
 * Records a security-relevant action with the caller's user, session, address and user agent.
 * A failure to write is logged, never thrown: the action itself already happened.
 */
export async function audit(
  app: App,
  ctx: RequestContext | null,
  action: string,
  extra: AuditExtra = {},
  actor: AuditActor = {},
): Promise<void> {
  const client = ctx ? clientOf(ctx) : { ip: '', userAgent: '' };
  try {
    await insertAudit(app.db, {
      id: newId(),
      create_at: Date.now(),
      user_id: actor.userId ?? ctx?.session?.userId ?? '',
      action: action.slice(0, 512),
      extra_info: formatExtra(extra),
      ip_address: client.ip.slice(0, 64),
      session_id: actor.sessionId ?? ctx?.session?.id ?? '',
      user_agent: client.userAgent.slice(0, 512),
    });
  } catch (err) {
    app.log.error({ err: (err as Error).message, action, requestId: ctx?.requestId }, 'audit write failed');
  }
}

/**
 * For a failed login: `promise.catch(auditLoginFailure(ctx, body))` records the attempt (login id and
 * the reason's error id, never the password) and rethrows the error unchanged.
 */
export function auditLoginFailure(ctx: RequestContext, body: Record<string, unknown>) {
  return async (err: unknown): Promise<never> => {
    const loginId =
      typeof body.login_id === 'string' ? body.login_id : typeof body.id === 'string' ? body.id : '';
    const reason = (err as { id?: unknown }).id;
    await audit(ctx.app, ctx, 'login_failure', {
      login_id: loginId.slice(0, 128),
      reason: typeof reason === 'string' ? reason : 'error',
    });
    throw err;
  };
}
