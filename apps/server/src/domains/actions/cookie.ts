import { createHmac, timingSafeEqual } from 'node:crypto';
import type { App } from '../../app.ts';
import { findAction, type PostAction } from './policy.ts';
import { interactiveSecret } from './trigger.ts';

/**
 * Action cookies (Mattermost's PostActionCookie): an ephemeral post is never stored, so each of its
 * actions carries, signed, what a click needs — the post, its channel and the integration to call.
 */

export interface ActionCookie {
  post_id: string;
  root_post_id: string;
  channel_id: string;
  author_id: string;
  action: PostAction;
  retain_props: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const sign = (secret: Buffer, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

export async function encodeCookie(app: App, cookie: ActionCookie): Promise<string> {
  const data = Buffer.from(JSON.stringify(cookie)).toString('base64url');
  return `${data}.${sign(await interactiveSecret(app), data)}`;
}

/** The cookie's content when Parley signed it, else null. */
export async function decodeCookie(app: App, text: string): Promise<ActionCookie | null> {
  const [data, signature] = text.split('.');
  if (!data || !signature) return null;
  const expected = Buffer.from(sign(await interactiveSecret(app), data));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const value = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as unknown;
    return isObject(value) && isObject(value.action) ? (value as unknown as ActionCookie) : null;
  } catch {
    return null;
  }
}

/** Props of an ephemeral post with a signed cookie on each of its actions (AddPostActionCookies). */
export async function withActionCookies(
  app: App,
  props: Record<string, unknown>,
  post: { id: string; rootId: string; channelId: string; authorId: string; retain: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  if (!Array.isArray(props.attachments)) return props;
  const attachments = [];
  for (const a of props.attachments as unknown[]) {
    if (!isObject(a) || !Array.isArray(a.actions)) {
      attachments.push(a);
      continue;
    }
    const actions = [];
    for (const raw of a.actions as unknown[]) {
      const action =
        isObject(raw) && typeof raw.id === 'string'
          ? findAction({ attachments: [{ actions: [raw] }] }, raw.id)
          : null;
      if (!action || !isObject(raw)) {
        actions.push(raw);
        continue;
      }
      const cookie = await encodeCookie(app, {
        post_id: post.id,
        root_post_id: post.rootId,
        channel_id: post.channelId,
        author_id: post.authorId,
        action,
        retain_props: post.retain,
      });
      actions.push({ ...raw, cookie });
    }
    attachments.push({ ...a, actions });
  }
  return { ...props, attachments };
}
