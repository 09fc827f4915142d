import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, invalidBodyParam, notFound } from '../../errors/app-error.ts';
import { hasPermissionToChannel, requireChannelPermission } from '../../permissions/authorize.ts';
import { parseMemberRoles } from '../../permissions/roles.ts';
import { channelSchemeRoles } from '../../permissions/scheme-names.ts';
import { isValidId } from '../../platform/ids.ts';
import { afterChannelViewed } from '../notifications/service.ts';
import { postMemberAdded, postMemberRemoved } from '../posts/system-posts.ts';
import { defaultChannelMemberNotifyProps } from './membership.ts';
import {
  isDefaultChannel,
  isTeamChannelType,
  mergeNotifyProps,
  notifyPropsProblem,
  permissionFor,
} from './policy.ts';
import { memberJson } from './member-json.ts';
import { loadChannel, requireReadChannel } from './service.ts';
import { requireActOnUser } from './service-lists.ts';
import * as store from './store.ts';

/** Channel memberships: listing, joining/adding, leaving/removing, roles, notify props, viewing. */

/** At most this many users in one POST /channels/{id}/members or /members/ids. */
export const MAX_USERS_PER_REQUEST = 1000;
const MAX_TIMEZONES = 1000;

const memberNotFound = () =>
  notFound(
    'app.channel.get_member.missing.app_error',
    'No channel member found for that user ID and channel ID.',
  );

async function publishMemberUpdated(app: App, member: store.MemberRow) {
  app.events.publish({
    event: 'channel_member_updated',
    data: { channelMember: JSON.stringify(await memberJson(app.db, member)) },
    broadcast: { userId: member.user_id },
  });
}

export async function listMembers(
  app: App,
  session: Session,
  channelId: string,
  page: { offset: number; perPage: number },
) {
  const channel = await loadChannel(app, channelId);
  await requireReadChannel(app, session, channel);
  return store.listMembers(app.db, channelId, page.offset, page.perPage);
}

export async function getMember(app: App, session: Session, channelId: string, userId: string) {
  const channel = await loadChannel(app, channelId);
  await requireReadChannel(app, session, channel);
  const member = await store.findMember(app.db, channelId, userId);
  if (!member) throw memberNotFound();
  return member;
}

export async function getMembersByIds(app: App, session: Session, channelId: string, userIds: string[]) {
  const channel = await loadChannel(app, channelId);
  await requireReadChannel(app, session, channel);
  return store.listMembersByIds(app.db, channelId, userIds);
}

/** The user ids of an add-members body: `{user_id}` or `{user_ids: [...]}`. */
export function parseAddBody(input: Record<string, unknown>): { userIds: string[]; many: boolean } {
  if (Array.isArray(input.user_ids)) {
    const ids = input.user_ids;
    if (ids.length === 0 || ids.length > MAX_USERS_PER_REQUEST || !ids.every(isValidId))
      throw invalidBodyParam('user_ids');
    return { userIds: [...new Set(ids as string[])], many: true };
  }
  if (!isValidId(input.user_id)) throw invalidBodyParam('user_id');
  return { userIds: [input.user_id], many: false };
}

/**
 * POST /channels/{id}/members. Joining a public channel oneself needs join_public_channels;
 * adding others needs manage_*_channel_members. Added users must belong to the channel's team.
 * Existing memberships are kept; the answer lists every requested membership.
 */
export async function addMembers(
  app: App,
  session: Session,
  channelId: string,
  userIds: string[],
): Promise<store.MemberRow[]> {
  const channel = await loadChannel(app, channelId);
  if (!isTeamChannelType(channel.type))
    throw badRequest(
      'api.channel.add_user_to_channel.type.app_error',
      'Can not add user to this channel type.',
    );
  const selfAdd = userIds.length === 1 && userIds[0] === session.userId;
  const permission =
    selfAdd && channel.type === 'O' ? 'join_public_channels' : permissionFor(channel.type, 'members');
  await requireChannelPermission(app, session, channel.id, permission);
  if (channel.delete_at > 0)
    throw badRequest(
      'api.channel.add_user.to.channel.failed.deleted.app_error',
      'Failed to add user to channel because channel has been archived.',
    );

  const [users, teamMembers] = await Promise.all([
    store.usersByIds(app.db, userIds),
    store.teamMembersAmong(app.db, channel.team_id, userIds),
  ]);
  const active = new Set(users.filter((u) => u.delete_at === 0).map((u) => u.id));
  const inTeam = new Map(teamMembers.map((m) => [m.user_id, m]));
  for (const id of userIds) {
    if (!active.has(id))
      throw badRequest(
        'api.channel.add_user.to.channel.failed.deleted.app_error',
        'The user is missing or deactivated.',
      );
    if (!inTeam.has(id))
      throw notFound(
        'app.team.get_member.missing.app_error',
        "The user is not a member of the channel's team.",
      );
  }

  const now = Date.now();
  const result = await app.db.transaction().execute(async (trx) => {
    const inserted = await store.insertMembers(
      trx,
      userIds.map((id) => {
        const guest = inTeam.get(id)?.scheme_guest ?? false;
        return {
          channel_id: channel.id,
          user_id: id,
          scheme_guest: guest,
          scheme_user: !guest,
          notify_props: defaultChannelMemberNotifyProps(),
          last_viewed_at: now,
          last_update_at: now,
        };
      }),
    );
    const all = await store.listMembersByIds(trx, channel.id, userIds);
    return { inserted, all };
  });
  for (const m of result.inserted) {
    app.events.publish({
      event: 'user_added',
      data: { user_id: m.user_id, team_id: channel.team_id },
      broadcast: { channelId: channel.id },
    });
  }
  for (const m of result.inserted) await postMemberAdded(app, channel, session.userId, m.user_id);
  return result.all;
}

/** DELETE /channels/{id}/members/{user_id}: leave, or remove someone with manage_*_channel_members. */
export async function removeMember(app: App, session: Session, channelId: string, userId: string) {
  const channel = await loadChannel(app, channelId);
  if (!isTeamChannelType(channel.type))
    throw badRequest(
      'api.channel.remove_channel_member.type.app_error',
      'Unable to remove user from a channel of this type.',
    );
  if (userId !== session.userId)
    await requireChannelPermission(app, session, channel.id, permissionFor(channel.type, 'members'));
  else if (channel.type === 'P' && !(await store.findMember(app.db, channel.id, userId))) throw forbidden();
  if (isDefaultChannel(channel))
    throw badRequest(
      'api.channel.remove.default.app_error',
      'Unable to remove user from the default channel town-square.',
    );
  if (!(await store.deleteMember(app.db, channel.id, userId))) throw memberNotFound();
  app.events.publish({
    event: 'user_removed',
    data: { user_id: userId, remover_id: session.userId },
    broadcast: { channelId: channel.id },
  });
  app.events.publish({
    event: 'user_removed',
    data: { channel_id: channel.id, remover_id: session.userId },
    broadcast: { userId },
  });
  await postMemberRemoved(app, channel, session.userId, userId);
}

/** PUT /channels/{id}/members/{user_id}/roles. */
export async function updateMemberRoles(
  app: App,
  session: Session,
  channelId: string,
  userId: string,
  input: Record<string, unknown>,
) {
  if (typeof input.roles !== 'string') throw invalidBodyParam('roles');
  await loadChannel(app, channelId);
  await requireChannelPermission(app, session, channelId, 'manage_channel_roles');
  const scheme = (await channelSchemeRoles(app.db, [channelId])).get(channelId);
  const parsed = parseMemberRoles('channel', input.roles, scheme);
  const unknownRole = parsed?.roles.split(' ').find((name) => name && !app.roles.get(name));
  if (!parsed || unknownRole)
    throw badRequest(
      'api.channel.update_channel_member_roles.scheme_role.app_error',
      'The provided role is managed by a Scheme and therefore cannot be applied directly to a Channel Member.',
    );
  const member = await store.findMember(app.db, channelId, userId);
  if (!member) throw memberNotFound();
  // Guest status follows the account, never a role update (upstream's changing_guest_role rule).
  if (member.scheme_guest !== parsed.scheme_guest)
    throw badRequest(
      'api.channel.update_channel_member_roles.changing_guest_role.app_error',
      "Invalid channel member update: You can't add or remove the guest role manually.",
    );
  const updated = await store.updateMember(app.db, channelId, userId, {
    roles: parsed.roles,
    scheme_admin: parsed.scheme_admin,
    scheme_user: parsed.scheme_user,
    last_update_at: Date.now(),
  });
  if (!updated) throw memberNotFound();
  await publishMemberUpdated(app, updated);
}

/** PUT /channels/{id}/members/{user_id}/notify_props: merges the given keys into the stored ones. */
export async function updateNotifyProps(
  app: App,
  session: Session,
  channelId: string,
  userId: string,
  input: Record<string, unknown>,
) {
  requireActOnUser(app, session, userId);
  await loadChannel(app, channelId);
  const member = await store.findMember(app.db, channelId, userId);
  if (!member) throw memberNotFound();
  const merged = mergeNotifyProps(member.notify_props, input);
  const problem = notifyPropsProblem(merged);
  if (problem)
    throw badRequest(
      'model.channel_member.is_valid.notify_level.app_error',
      `Invalid value for notify prop ${problem}.`,
    );
  const updated = await store.updateMember(app.db, channelId, userId, {
    notify_props: merged,
    last_update_at: Date.now(),
  });
  if (!updated) throw memberNotFound();
  await publishMemberUpdated(app, updated);
}

/**
 * POST /channels/members/{user_id}/view: the channel (and the one left, if given) becomes read.
 * Only the user's own memberships change; the answer lists those that did.
 */
export async function viewChannel(
  app: App,
  session: Session,
  userId: string,
  input: Record<string, unknown>,
): Promise<Record<string, number>> {
  requireActOnUser(app, session, userId);
  const ids: string[] = [];
  for (const key of ['channel_id', 'prev_channel_id']) {
    const value = input[key];
    if (value === undefined || value === null || value === '') continue;
    if (!isValidId(value)) throw invalidBodyParam(key);
    ids.push(value);
  }
  const now = Date.now();
  const viewed = await store.markChannelsViewed(app.db, userId, [...new Set(ids)], now);
  const times = Object.fromEntries(viewed.map((id) => [id, now]));
  if (viewed.length > 0) {
    app.events.publish({
      event: 'multiple_channels_viewed',
      data: { channel_times: times },
      broadcast: { userId },
    });
    // The user's phones drop the channel's notifications (detached).
    const channelId = input.channel_id;
    if (typeof channelId === 'string' && viewed.includes(channelId))
      afterChannelViewed(app, session, userId, channelId);
  }
  return times;
}

export async function channelStats(app: App, session: Session, channelId: string) {
  const channel = await loadChannel(app, channelId);
  await requireReadChannel(app, session, channel);
  const counts = await store.channelMemberCounts(app.db, channelId);
  return {
    channel_id: channelId,
    member_count: counts.members,
    guest_count: counts.guests,
    pinnedpost_count: 0,
    files_count: 0,
  };
}

export async function channelTimezones(app: App, session: Session, channelId: string) {
  const channel = await loadChannel(app, channelId);
  if (!(await hasPermissionToChannel(app, session, channel.id, 'read_channel'))) throw forbidden();
  return store.channelTimezones(app.db, channelId, MAX_TIMEZONES);
}
