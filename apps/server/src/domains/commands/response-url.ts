import type { App } from '../../app.ts';
import { badRequest, notFound, notImplemented } from '../../errors/app-error.ts';
import { findChannel } from '../channels/store.ts';
import { findUser } from '../users/store.ts';
import { actingSession } from '../webhooks/access.ts';
import { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_MAX_USES } from './execute.ts';
import { handleCommandResponse } from './respond.ts';
import * as store from './store.ts';
import type { CommandResponse } from './types.ts';

/**
 * POST {SiteURL}/hooks/commands/{id} (Mattermost's HandleCommandWebhook): a command's later
 * answers. The id is the secret; it works a few times for a while, then never again.
 */

const missing = () => notFound('app.command_webhook.get.missing', 'Unable to find the webhook.');

export async function handleResponseUrl(app: App, hookId: string, response: CommandResponse): Promise<void> {
  if (!app.config.get().ServiceSettings.EnableCommands)
    throw notImplemented(
      'web.command_webhook.disabled.app_error',
      'Commands have been disabled by the system admin.',
    );
  const hook = await store.findCommandWebhook(app.db, hookId, Date.now() - RESPONSE_URL_LIFETIME_MS);
  if (!hook) throw missing();
  const [cmd, user, channel] = await Promise.all([
    store.findCommand(app.db, hook.command_id),
    findUser(app.db, hook.user_id),
    findChannel(app.db, hook.channel_id),
  ]);
  if (!cmd || !user || user.delete_at > 0 || !channel) throw missing();
  if (!(await store.useCommandWebhook(app.db, hookId, RESPONSE_URL_MAX_USES)))
    throw badRequest('app.command_webhook.try_use.invalid.app_error', 'Invalid webhook.');
  await handleCommandResponse(
    app,
    actingSession(user),
    { userId: user.id, channel, rootId: hook.root_id, command: cmd },
    response,
  );
}
