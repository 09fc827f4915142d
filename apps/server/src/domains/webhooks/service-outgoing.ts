import type { App, Session } from '../../app.ts';
import { badRequest, forbidden, invalidParam, notFound } from '../../errors/app-error.ts';
import {
  hasPermissionToChannel,
  hasPermissionToSystem,
  requireChannelPermission,
  requireSystemPermission,
  requireTeamPermission,
} from '../../permissions/authorize.ts';
import { isValidId, newId } from '../../platform/ids.ts';
import { findChannel } from '../channels/store.ts';
import { findUser } from '../users/store.ts';
import { canManageOthers, requireHookManager, requireOutgoingEnabled, userNotFound } from './access.ts';
import { outgoingProblem, overlaps, readOutgoing, TRIGGER_EXACT, type OutgoingFields } from './policy.ts';
import * as store from './store.ts';

/** Managing outgoing webhooks (Mattermost's api4/webhook.go and app/webhook.go, outgoing half). */

type Input = Record<string, unknown>;

/** Far more hooks than any team has; bounds the overlap check and the per-post lookup. */
export const MAX_TEAM_HOOKS = 1000;

const hookNotFound = () => notFound('app.webhooks.get_outgoing.app_error', 'Unable to get the webhook.');

/** The editable fields of a hook, as a PUT replaces them. */
function editable(f: OutgoingFields) {
  return {
    channel_id: f.channel_id ?? '',
    trigger_words: f.trigger_words ?? [],
    trigger_when: f.trigger_when ?? TRIGGER_EXACT,
    callback_urls: f.callback_urls ?? [],
    display_name: f.display_name ?? '',
    description: f.description ?? '',
    content_type: f.content_type ?? '',
    username: f.username ?? '',
    icon_url: f.icon_url ?? '',
  };
}
type Editable = ReturnType<typeof editable>;

/** The channel/trigger rules and field limits of a hook about to be saved in `teamId`. */
async function checkHook(app: App, teamId: string, hook: Editable, selfId: string): Promise<void> {
  const problem = outgoingProblem({ ...hook, team_id: teamId });
  if (problem) throw badRequest(problem[0], problem[1]);
  if (hook.channel_id !== '') {
    const channel = await findChannel(app.db, hook.channel_id);
    if (!channel || channel.type !== 'O' || channel.delete_at > 0)
      throw forbidden(
        'api.webhook.create_outgoing.not_open.app_error',
        'Only public channels can have outgoing webhooks.',
      );
    if (channel.team_id !== teamId)
      throw badRequest(
        'api.webhook.create_outgoing.permissions.app_error',
        'Invalid permissions to create outgoing webhook.',
      );
  } else if (hook.trigger_words.length === 0) {
    throw badRequest(
      'api.webhook.create_outgoing.triggers.app_error',
      'Either trigger_words or channel_id must be set.',
    );
  }
  const others = await store.listOutgoing(app.db, { teamId, limit: MAX_TEAM_HOOKS, offset: 0 });
  if (others.some((o) => o.id !== selfId && overlaps(o, hook)))
    throw badRequest(
      'api.webhook.create_outgoing.intersect.app_error',
      'Outgoing webhooks from the same channel cannot have the same trigger words/callback URLs.',
    );
}

export async function createOutgoing(app: App, session: Session, input: Input) {
  requireOutgoingEnabled(app);
  const f = readOutgoing(input);
  if (!f.team_id || !isValidId(f.team_id)) throw invalidParam('team_id');
  const teamId = f.team_id;
  await requireTeamPermission(app, session, teamId, 'manage_own_outgoing_webhooks');
  let creatorId = session.userId;
  if (f.creator_id && f.creator_id !== session.userId) {
    if (!(await canManageOthers(app, session, 'outgoing', teamId))) throw forbidden();
    const owner = isValidId(f.creator_id) ? await findUser(app.db, f.creator_id) : undefined;
    if (!owner) throw userNotFound();
    creatorId = owner.id;
  }
  const hook = editable(f);
  await checkHook(app, teamId, hook, '');
  const now = Date.now();
  return store.insertOutgoing(app.db, {
    id: newId(),
    token: newId(),
    create_at: now,
    update_at: now,
    creator_id: creatorId,
    team_id: teamId,
    ...hook,
  });
}

/** GET /hooks/outgoing by channel, team or everywhere; only one's own without manage_others. */
export async function listOutgoing(
  app: App,
  session: Session,
  opts: { channelId: string; teamId: string; limit: number; offset: number },
) {
  requireOutgoingEnabled(app);
  let creatorId: string | undefined = session.userId;
  if (opts.channelId) {
    if (!isValidId(opts.channelId)) throw invalidParam('channel_id');
    await requireChannelPermission(app, session, opts.channelId, 'manage_own_outgoing_webhooks');
    if (await hasPermissionToChannel(app, session, opts.channelId, 'manage_others_outgoing_webhooks'))
      creatorId = undefined;
  } else if (opts.teamId) {
    if (!isValidId(opts.teamId)) throw invalidParam('team_id');
    await requireTeamPermission(app, session, opts.teamId, 'manage_own_outgoing_webhooks');
    if (await canManageOthers(app, session, 'outgoing', opts.teamId)) creatorId = undefined;
  } else {
    requireSystemPermission(app, session, 'manage_own_outgoing_webhooks');
    if (hasPermissionToSystem(app, session, 'manage_others_outgoing_webhooks')) creatorId = undefined;
  }
  return store.listOutgoing(app.db, {
    channelId: opts.channelId || undefined,
    teamId: opts.teamId || undefined,
    creatorId,
    limit: opts.limit,
    offset: opts.offset,
  });
}

async function manageable(app: App, session: Session, hookId: string): Promise<store.OutgoingRow> {
  requireOutgoingEnabled(app);
  const hook = await store.findOutgoing(app.db, hookId);
  if (!hook) throw hookNotFound();
  await requireHookManager(app, session, 'outgoing', hook.team_id, hook.creator_id);
  return hook;
}

export const getOutgoing = manageable;

export async function updateOutgoing(app: App, session: Session, hookId: string, input: Input) {
  if (input.id !== undefined && input.id !== hookId) throw invalidParam('hook_id');
  const f = readOutgoing(input);
  const old = await manageable(app, session, hookId);
  if (f.team_id && f.team_id !== old.team_id)
    throw badRequest('api.webhook.team_mismatch.app_error', 'Unable to update webhook across teams.');
  const hook = editable(f);
  await checkHook(app, old.team_id, hook, old.id);
  const updated = await store.updateOutgoing(app.db, hookId, { ...hook, update_at: Date.now() });
  if (!updated) throw hookNotFound();
  return updated;
}

export async function regenerateToken(app: App, session: Session, hookId: string) {
  await manageable(app, session, hookId);
  const updated = await store.updateOutgoing(app.db, hookId, { token: newId(), update_at: Date.now() });
  if (!updated) throw hookNotFound();
  return updated;
}

export async function deleteOutgoing(app: App, session: Session, hookId: string): Promise<void> {
  await manageable(app, session, hookId);
  await store.deleteOutgoing(app.db, hookId, Date.now());
}
