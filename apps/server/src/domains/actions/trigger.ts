import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { App } from '../../app.ts';
import { newId } from '../../platform/ids.ts';
import { findSystemValue, insertSystemValueIfMissing } from '../system/store.ts';

/**
 * Trigger ids (Mattermost's GenerateTriggerId / DecodeAndVerifyTriggerId): handed to an
 * integration with a command or an action, they let it open a dialog for that user, briefly.
 * They are signed with a secret kept in the systems table, so every node of a cluster agrees.
 */

const SECRET_KEY = 'ParleyInteractiveSecret';
/** Upstream's InteractiveDialogTriggerTimeoutMilliseconds. */
export const TRIGGER_LIFETIME_MS = 3000;

const secrets = new WeakMap<App, Buffer>();

export async function interactiveSecret(app: App): Promise<Buffer> {
  const cached = secrets.get(app);
  if (cached) return cached;
  await insertSystemValueIfMissing(app.db, SECRET_KEY, randomBytes(32).toString('hex'));
  const value = await findSystemValue(app.db, SECRET_KEY);
  if (!value) throw new Error('the interactive secret could not be stored');
  const secret = Buffer.from(value, 'hex');
  secrets.set(app, secret);
  return secret;
}

const sign = (secret: Buffer, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

/** A new trigger id for `userId`, with the short id the client is told (its first part). */
export async function newTrigger(
  app: App,
  userId: string,
): Promise<{ clientTriggerId: string; triggerId: string }> {
  const clientTriggerId = newId();
  const data = `${clientTriggerId}:${userId}:${Date.now()}`;
  const triggerId = Buffer.from(`${data}:${sign(await interactiveSecret(app), data)}`).toString('base64');
  return { clientTriggerId, triggerId };
}

export async function generateTriggerId(app: App, userId: string): Promise<string> {
  return (await newTrigger(app, userId)).triggerId;
}

export type TriggerCheck = { userId: string } | { problem: 'invalid' | 'expired' };

/** The user a trigger id was made for, unless it is forged, malformed or too old. */
export async function verifyTriggerId(app: App, triggerId: string, now = Date.now()): Promise<TriggerCheck> {
  const parts = Buffer.from(triggerId, 'base64').toString('utf8').split(':');
  if (parts.length !== 4) return { problem: 'invalid' };
  const [clientId, userId, at, signature] = parts;
  const expected = Buffer.from(sign(await interactiveSecret(app), `${clientId}:${userId}:${at}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: 'invalid' };
  const issued = Number(at);
  if (!Number.isFinite(issued) || now - issued > TRIGGER_LIFETIME_MS) return { problem: 'expired' };
  return { userId };
}
