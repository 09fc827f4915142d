import type { App, Session } from '../../app.ts';
import { hasRole } from '../../permissions/roles.ts';
import type { Db } from '../../db/connection.ts';
import { badRequest, forbidden, invalidBodyParam } from '../../errors/app-error.ts';
import { hasPermissionToSystem, requireSystemPermission } from '../../permissions/authorize.ts';
import { isValidId, newId } from '../../platform/ids.ts';
import { defaultChannelMemberNotifyProps } from './membership.ts';
import { requireCanSee } from '../guests/visibility.ts';
import {
  GROUP_MAX_MEMBERS,
  GROUP_MIN_MEMBERS,
  directChannelName,
  groupChannelName,
  groupDisplayName,
} from './policy.ts';
import * as store from './store.ts';

/** Direct (D) and group (G) message channels: found by their derived name, else created. */

function idList(input: unknown, max: number): string[] {
  if (!Array.isArray(input) || input.length > max || !input.every(isValidId))
    throw invalidBodyParam('user_ids');
  return input as string[];
}

/**
 * Creates the channel and its memberships unless a channel of that name already exists
 * (a concurrent call may win the race; its channel is then returned). True when created here.
 */
async function findOrCreate(
  db: Db,
  name: string,
  fields: { type: 'D' | 'G'; display_name: string; creator_id: string },
  users: { id: string; roles: string }[],
): Promise<{ channel: store.ChannelRow; created: boolean }> {
  const existing = await store.findChannelByName(db, '', name, true);
  if (existing) return { channel: existing, created: false };
  return db.transaction().execute(async (trx) => {
    const now = Date.now();
    const inserted = await store.insertChannelIfAbsent(trx, {
      id: newId(),
      create_at: now,
      update_at: now,
      team_id: '',
      name,
      ...fields,
    });
    if (!inserted) {
      const raced = await store.findChannelByName(trx, '', name, true);
      if (!raced) throw new Error(`channel ${name} vanished while being created`);
      return { channel: raced, created: false };
    }
    await store.insertMembers(
      trx,
      users.map((u) => {
        const guest = hasRole(u.roles, 'system_guest');
        return {
          channel_id: inserted.id,
          user_id: u.id,
          scheme_guest: guest,
          scheme_user: !guest,
          notify_props: defaultChannelMemberNotifyProps(),
          last_viewed_at: 0,
          last_update_at: now,
        };
      }),
    );
    return { channel: inserted, created: true };
  });
}

/** POST /channels/direct [a, b]: idempotent; a self-DM has the same id twice. */
export async function createDirectChannel(app: App, session: Session, input: unknown) {
  const ids = idList(input, 2);
  if (ids.length !== 2) throw invalidBodyParam('user_ids');
  requireSystemPermission(app, session, 'create_direct_channel');
  if (!ids.includes(session.userId) && !hasPermissionToSystem(app, session, 'manage_system'))
    throw forbidden();
  const distinct = [...new Set(ids)];
  // A guest may message only people they can see (who share a channel with them).
  await requireCanSee(app, session, distinct);
  const users = await store.usersByIds(app.db, distinct);
  if (users.length !== distinct.length)
    throw badRequest(
      'api.channel.create_direct_channel.invalid_user.app_error',
      'Invalid user ID for direct channel creation.',
    );
  const [a, b] = ids;
  if (
    a !== b &&
    app.config.get().TeamSettings.RestrictDirectMessage === 'team' &&
    !hasPermissionToSystem(app, session, 'manage_system') &&
    !(await store.shareATeam(app.db, a, b))
  )
    throw forbidden();
  const { channel, created } = await findOrCreate(
    app.db,
    directChannelName(a, b),
    { type: 'D', display_name: '', creator_id: session.userId },
    users,
  );
  if (created) {
    const teammate = a === session.userId ? b : a;
    app.events.publish({
      event: 'direct_added',
      data: { creator_id: session.userId, teammate_id: teammate },
      broadcast: { channelId: channel.id },
    });
  }
  return channel;
}

/** POST /channels/group [ids]: the caller is added when missing; 3 to 8 members in all. */
export async function createGroupChannel(app: App, session: Session, input: unknown) {
  const ids = [...new Set([...idList(input, GROUP_MAX_MEMBERS * 2), session.userId])];
  requireSystemPermission(app, session, 'create_group_channel');
  if (ids.length < GROUP_MIN_MEMBERS || ids.length > GROUP_MAX_MEMBERS)
    throw badRequest(
      'api.channel.create_group.bad_size.app_error',
      'Group message channels must contain at least 3 and no more than 8 users.',
    );
  await requireCanSee(app, session, ids);
  const users = await store.usersByIds(app.db, ids);
  if (users.length !== ids.length || users.some((u) => u.delete_at > 0))
    throw badRequest(
      'api.channel.create_group.bad_user.app_error',
      'One of the provided users does not exist.',
    );
  const { channel, created } = await findOrCreate(
    app.db,
    groupChannelName(ids),
    { type: 'G', display_name: groupDisplayName(users.map((u) => u.username)), creator_id: session.userId },
    users,
  );
  if (created) {
    app.events.publish({
      event: 'group_added',
      data: { teammate_ids: JSON.stringify(ids) },
      broadcast: { channelId: channel.id },
    });
  }
  return channel;
}
