/** Mattermost's team field rules (model/team.go), as pure functions returning a problem or null. */

// Names that would collide with web app routes.
const RESERVED_NAMES = new Set([
  'admin',
  'api',
  'channel',
  'claim',
  'error',
  'files',
  'help',
  'landing',
  'login',
  'mfa',
  'oauth',
  'plug',
  'plugins',
  'post',
  'signup',
  'boards',
  'playbooks',
  'static',
  'select_team',
  'reset_password',
  'create_team',
  'should_verify_email',
  'do_verify_email',
  'terms_of_service',
  'access_problem',
]);

export function teamNameProblem(name: string): string | null {
  if (name.length < 2 || name.length > 64) return 'Name must be 2 to 64 characters.';
  if (!/^[a-z0-9]+([a-z0-9-]*[a-z0-9]+)?$/.test(name)) {
    return 'Name must be lowercase letters, numbers and dashes, starting and ending with a letter or number.';
  }
  if (RESERVED_NAMES.has(name)) return 'That team name is reserved.';
  return null;
}

export function teamDisplayNameProblem(displayName: string): string | null {
  const length = [...displayName.trim()].length;
  if (length < 1 || length > 64) return 'Display name must be 1 to 64 characters.';
  return null;
}

export function teamTypeProblem(type: string): string | null {
  return type === 'O' || type === 'I' ? null : 'Team type must be "O" (open) or "I" (invite only).';
}
