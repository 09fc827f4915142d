import { usernameProblem } from '../users/policy.ts';

/** Mattermost's model.Bot rules, as a pure function returning the error id and message, or null. */
export function botProblem(b: {
  username?: string;
  display_name?: string;
  description?: string;
}): { id: string; message: string } | null {
  if (b.username !== undefined) {
    const problem = usernameProblem(b.username);
    if (problem) return { id: 'model.bot.is_valid.username.app_error', message: problem };
  }
  if (b.display_name !== undefined && [...b.display_name].length > 64) {
    return {
      id: 'model.bot.is_valid.username.app_error',
      message: 'Display name must be at most 64 characters.',
    };
  }
  if (b.description !== undefined && [...b.description].length > 1024) {
    return {
      id: 'model.bot.is_valid.description.app_error',
      message: 'Description must be at most 1024 characters.',
    };
  }
  return null;
}
