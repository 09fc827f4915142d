import type { App, Session } from '../../app.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  badRequest,
  forbidden,
  invalidBodyParam,
  invalidParam,
  notFound,
  unauthorized,
} from '../../errors/app-error.ts';
import {
  hasPermissionToChannel,
  hasPermissionToTeam,
  requireChannelPermission,
  requireTeamPermission,
} from '../../permissions/authorize.ts';
import { newId } from '../../platform/ids.ts';
import { isValidId } from '../../platform/ids.ts';
import { defaultChannelMemberNotifyProps } from './membership.ts';
import {
  channelFieldsProblem,
  channelNameProblem,
  isDefaultChannel,
  isTeamChannelType,
  permissionFor,
} from './policy.ts';
import { postChannelArchived, postChannelChanges } from '../posts/system-posts.ts';
import { presentChannel } from './present.ts';
import * as store from './store.ts';

/** Channel lifecycle (Mattermost's api4/channel.go + app/channel.go): create, read, edit, archive. */

type Input = Record<string, unknown>;

export const channelNotFound = () =>
  notFound('app.channel.get.existing.app_error', 'Unable to find the existing channel.');

const duplicateName = () =>
  badRequest(
    'store.sql_channel.save_channel.exists.app_error',
    'A channel with that name already exists on the same team.',
  );

const archived = () =>
  badRequest('api.channel.update_channel.deleted.app_error', 'The channel has been archived or deleted.');

/** An optional string field of a body: undefined when absent, 400 when of another type. */
export function optionalString(input: Input, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidBodyParam(name);
  return v;
}

export async function loadChannel(app: App, channelId: string): Promise<store.ChannelRow> {
  const channel = await store.findChannel(app.db, channelId);
  if (!channel) throw channelNotFound();
  return channel;
}

/** Mattermost's SessionHasPermissionToReadChannel: public channels are readable team-wide. */
export async function canReadChannel(
  app: App,
  session: Session,
  channel: store.ChannelRow,
): Promise<boolean> {
  if (await hasPermissionToChannel(app, session, channel.id, 'read_channel')) return true;
  return (
    channel.type === 'O' && (await hasPermissionToTeam(app, session, channel.team_id, 'read_public_channel'))
  );
}

export async function requireReadChannel(app: App, session: Session, channel: store.ChannelRow) {
  if (!(await canReadChannel(app, session, channel))) throw forbidden();
}

function publishUpdated(app: App, channel: store.ChannelRow) {
  app.events.publish({
    event: 'channel_updated',
    data: { channel: JSON.stringify(presentChannel(channel)) },
    broadcast: { channelId: channel.id },
  });
}

export async function createChannel(app: App, session: Session, input: Input): Promise<store.ChannelRow> {
  const teamId = optionalString(input, 'team_id') ?? '';
  if (!isValidId(teamId)) throw invalidBodyParam('team_id');
  const type = optionalString(input, 'type') ?? 'O';
  if (!isTeamChannelType(type))
    throw badRequest('model.channel.is_valid.type.app_error', 'Invalid channel type.');
  await requireTeamPermission(
    app,
    session,
    teamId,
    type === 'O' ? 'create_public_channel' : 'create_private_channel',
  );
  const name = optionalString(input, 'name') ?? '';
  const displayName = optionalString(input, 'display_name') ?? '';
  const header = optionalString(input, 'header') ?? '';
  const purpose = optionalString(input, 'purpose') ?? '';
  const nameProblem = channelNameProblem(name);
  if (nameProblem) throw badRequest('model.channel.is_valid.2.app_error', nameProblem);
  const problem = channelFieldsProblem({ display_name: displayName, header, purpose });
  if (problem) throw badRequest(problem[0], problem[1]);
  if (!(await store.findLiveTeam(app.db, teamId)))
    throw notFound('app.team.get.find.app_error', 'Unable to find the existing team.');
  const now = Date.now();
  let channel: store.ChannelRow;
  try {
    channel = await app.db.transaction().execute(async (trx) => {
      const created = await store.insertChannel(trx, {
        id: newId(),
        create_at: now,
        update_at: now,
        team_id: teamId,
        type,
        display_name: displayName.trim(),
        name,
        header,
        purpose,
        creator_id: session.userId,
      });
      await store.insertMembers(trx, [
        {
          channel_id: created.id,
          user_id: session.userId,
          scheme_user: true,
          scheme_admin: true,
          notify_props: defaultChannelMemberNotifyProps(),
          last_viewed_at: now,
          last_update_at: now,
        },
      ]);
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  }
  app.events.publish({
    event: 'channel_created',
    data: { channel_id: channel.id, team_id: teamId },
    broadcast: { userId: session.userId },
  });
  return channel;
}

export async function getChannel(app: App, session: Session, channelId: string): Promise<store.ChannelRow> {
  const channel = await loadChannel(app, channelId);
  await requireReadChannel(app, session, channel);
  return channel;
}

/** By name: a private channel the caller cannot read is reported missing, as upstream does. */
export async function getChannelByName(
  app: App,
  session: Session,
  teamId: string,
  name: string,
  includeDeleted: boolean,
): Promise<store.ChannelRow> {
  const missing = () =>
    notFound('app.channel.get_by_name.missing.app_error', 'Unable to find the existing channel.');
  const channel = await store.findChannelByName(app.db, teamId, name, includeDeleted);
  if (!channel) throw missing();
  if (channel.type === 'O') await requireReadChannel(app, session, channel);
  else if (!(await canReadChannel(app, session, channel))) throw missing();
  return channel;
}

export async function getChannelByTeamName(
  app: App,
  session: Session,
  teamName: string,
  name: string,
  includeDeleted: boolean,
): Promise<store.ChannelRow> {
  const teamId = await store.findTeamIdByName(app.db, teamName);
  if (!teamId) throw notFound('app.team.get_by_name.missing.app_error', 'Unable to find the existing team.');
  return getChannelByName(app, session, teamId, name, includeDeleted);
}

/** Edit rights: the *_channel_properties permissions, or plain membership for DMs and GMs. */
async function requireEditChannel(app: App, session: Session, channel: store.ChannelRow) {
  if (isTeamChannelType(channel.type)) {
    await requireChannelPermission(app, session, channel.id, permissionFor(channel.type, 'properties'));
  } else if (!(await store.findMember(app.db, channel.id, session.userId))) {
    throw forbidden();
  }
}

/**
 * PUT /channels/{id}/patch and PUT /channels/{id}: changes name, display name, header, purpose.
 * The full update also insists on a matching id and unchanged type.
 */
export async function patchChannel(
  app: App,
  session: Session,
  channelId: string,
  input: Input,
  full = false,
): Promise<store.ChannelRow> {
  const current = await loadChannel(app, channelId);
  if (full) {
    if (input.id !== channelId) throw invalidParam('channel_id');
    if (input.type !== undefined && input.type !== current.type)
      throw badRequest('api.channel.update_channel.typechange.app_error', 'Channel type cannot be changed.');
  }
  await requireEditChannel(app, session, current);
  if (current.delete_at > 0) throw archived();
  const patch = {
    name: optionalString(input, 'name'),
    display_name: optionalString(input, 'display_name'),
    header: optionalString(input, 'header'),
    purpose: optionalString(input, 'purpose'),
  };
  const renamed =
    (patch.name !== undefined && patch.name !== current.name) ||
    (patch.display_name !== undefined && patch.display_name !== current.display_name);
  if (!isTeamChannelType(current.type) && renamed)
    throw badRequest(
      'api.channel.patch_update_channel.update_direct_or_group_messages_not_allowed.app_error',
      'The name of a direct or group message channel cannot be changed.',
    );
  if (isDefaultChannel(current) && patch.name !== undefined && patch.name !== current.name)
    throw badRequest(
      'api.channel.update_channel.tried.app_error',
      'Tried to perform an invalid update of the default channel town-square.',
    );
  if (patch.name !== undefined) {
    const nameProblem = channelNameProblem(patch.name);
    if (nameProblem) throw badRequest('model.channel.is_valid.2.app_error', nameProblem);
  }
  const problem = channelFieldsProblem(patch);
  if (problem) throw badRequest(problem[0], problem[1]);
  const set: Record<string, string | number> = { update_at: Date.now() };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) set[key] = key === 'display_name' ? value.trim() : value;
  }
  let channel: store.ChannelRow | undefined;
  try {
    channel = await store.updateChannel(app.db, channelId, set);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName();
    throw err;
  }
  if (!channel) throw channelNotFound();
  publishUpdated(app, channel);
  await postChannelChanges(app, current, channel, session.userId);
  return channel;
}

/** DELETE /channels/{id}: archive (or erase when permanent deletion is enabled). */
export async function archiveChannel(
  app: App,
  session: Session,
  channelId: string,
  permanent: boolean,
): Promise<void> {
  const channel = await loadChannel(app, channelId);
  if (!isTeamChannelType(channel.type))
    throw badRequest(
      'api.channel.delete_channel.type.invalid',
      'Direct and group message channels cannot be deleted.',
    );
  await requireChannelPermission(app, session, channel.id, permissionFor(channel.type, 'delete'));
  if (isDefaultChannel(channel))
    throw badRequest(
      'api.channel.delete_channel.cannot.app_error',
      'Unable to delete the default channel town-square.',
    );
  if (permanent) {
    if (!app.config.get().ServiceSettings.EnableAPIChannelDeletion)
      throw unauthorized(
        'api.user.delete_channel.not_enabled.app_error',
        'Permanent channel deletion feature is not enabled. Please contact your System Administrator.',
      );
    await store.deleteChannel(app.db, channel.id);
  } else if (channel.delete_at > 0) {
    throw badRequest(
      'api.channel.delete_channel.deleted.app_error',
      'The channel has been archived or deleted.',
    );
  }
  // Upstream posts the notice while the channel is still live, then archives it.
  if (!permanent) await postChannelArchived(app, channel, session.userId);
  const now = Date.now();
  if (!permanent) await store.updateChannel(app.db, channel.id, { delete_at: now, update_at: now });
  app.events.publish({
    event: 'channel_deleted',
    data: { channel_id: channel.id, delete_at: now },
    broadcast: channel.type === 'O' ? { teamId: channel.team_id } : { channelId: channel.id },
  });
}

export async function restoreChannel(
  app: App,
  session: Session,
  channelId: string,
): Promise<store.ChannelRow> {
  const current = await loadChannel(app, channelId);
  if (!isTeamChannelType(current.type))
    throw badRequest(
      'api.channel.restore_channel.type.invalid',
      'Direct and group message channels cannot be restored.',
    );
  await requireTeamPermission(app, session, current.team_id, 'manage_team');
  if (current.delete_at === 0)
    throw badRequest(
      'api.channel.restore_channel.restored.app_error',
      'Unable to unarchive channel. The channel is not archived.',
    );
  const channel = await store.updateChannel(app.db, channelId, { delete_at: 0, update_at: Date.now() });
  if (!channel) throw channelNotFound();
  app.events.publish({
    event: 'channel_restored',
    data: { channel_id: channel.id },
    broadcast: { teamId: channel.team_id },
  });
  return channel;
}

/** PUT /channels/{id}/privacy: converts between public and private. */
export async function updatePrivacy(
  app: App,
  session: Session,
  channelId: string,
  input: Input,
): Promise<store.ChannelRow> {
  const privacy = input.privacy;
  if (privacy !== 'O' && privacy !== 'P') throw invalidParam('privacy');
  const current = await loadChannel(app, channelId);
  if (!isTeamChannelType(current.type))
    throw badRequest(
      'api.channel.update_channel_privacy.invalid_type',
      'Only public and private channels can be converted.',
    );
  await requireChannelPermission(
    app,
    session,
    current.id,
    privacy === 'P' ? 'convert_public_channel_to_private' : 'convert_private_channel_to_public',
  );
  if (current.delete_at > 0) throw archived();
  if (privacy === 'P' && isDefaultChannel(current))
    throw badRequest(
      'api.channel.convert_channel_to_private.default_channel_error',
      'This default channel cannot be converted into a private channel.',
    );
  if (current.type === privacy) return current;
  const channel = await store.updateChannel(app.db, channelId, { type: privacy, update_at: Date.now() });
  if (!channel) throw channelNotFound();
  app.events.publish({
    event: 'channel_converted',
    data: { channel_id: channel.id, channel_type: privacy },
    broadcast: { teamId: channel.team_id },
  });
  publishUpdated(app, channel);
  return channel;
}
