import { setStatus, type StatusName } from '../../status/service.ts';
import { ephemeral, type BuiltinCommand } from '../types.ts';

/** /away, /online, /dnd, /offline: a manual status, as PUT /users/me/status sets it. */

function statusCommand(status: StatusName, description: string, reply: string): BuiltinCommand {
  return {
    trigger: status,
    displayName: status,
    description,
    hint: '',
    run: async (ctx) => {
      await setStatus(ctx.app, ctx.session.userId, status, true);
      return ephemeral(reply);
    },
  };
}

export const statusCommands: BuiltinCommand[] = [
  statusCommand('away', 'Set your status away', 'You are now away'),
  statusCommand('online', 'Set your status online', 'You are now online'),
  statusCommand(
    'dnd',
    'Do not disturb disables desktop and mobile push notifications.',
    'Do Not Disturb is enabled. You will not receive desktop or mobile push notifications until Do Not Disturb is turned off.',
  ),
  statusCommand('offline', 'Set your status offline', 'You are now offline'),
];
