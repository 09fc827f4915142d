import type { BuiltinCommand } from '../types.ts';
import { ephemeral } from '../types.ts';
import { channelCommands } from './channels.ts';
import { clientCommands } from './client.ts';
import { messageCommands } from './messages.ts';
import { statusCommands } from './status.ts';

/** Every built-in command by trigger; custom commands may not take these triggers. */

const help: BuiltinCommand = {
  trigger: 'help',
  displayName: 'help',
  description: 'Show the available slash commands',
  hint: '',
  run: async () => {
    const lines = BUILTINS.map((c) => `- \`/${c.trigger}${c.hint ? ` ${c.hint}` : ''}\`: ${c.description}`);
    return ephemeral(`Available built-in commands:\n${lines.join('\n')}`);
  },
};

export const BUILTINS: readonly BuiltinCommand[] = [
  ...channelCommands,
  ...messageCommands,
  ...statusCommands,
  ...clientCommands,
  help,
].sort((a, b) => a.trigger.localeCompare(b.trigger));

const byTrigger = new Map(BUILTINS.map((c) => [c.trigger, c]));

export function builtinCommand(trigger: string): BuiltinCommand | undefined {
  return byTrigger.get(trigger);
}
