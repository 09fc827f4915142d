import type { Config } from '../../config/defaults.ts';
import type { UserRow } from './store.ts';

export interface Viewer {
  userId: string;
  /** Holds manage_system (sees e-mails, names and auth data of everyone). */
  isAdmin: boolean;
}

/**
 * The User JSON a viewer may see (Mattermost's Sanitize/SanitizeProfile): never the password hash or
 * MFA secret; auth data only for admins; another user's notify props and login counters are private;
 * e-mail and full name follow PrivacySettings unless the viewer is the user or an admin.
 */
export function presentUser(u: UserRow, viewer: Viewer | null, config: Config) {
  const self = viewer?.userId === u.id;
  const admin = viewer?.isAdmin ?? false;
  const privacy = config.PrivacySettings;
  const user: Record<string, unknown> = {
    id: u.id,
    create_at: u.create_at,
    update_at: u.update_at,
    delete_at: u.delete_at,
    username: u.username,
    auth_service: u.auth_service,
    email: self || admin || privacy.ShowEmailAddress ? u.email : '',
    nickname: u.nickname,
    first_name: self || admin || privacy.ShowFullName ? u.first_name : '',
    last_name: self || admin || privacy.ShowFullName ? u.last_name : '',
    position: u.position,
    roles: u.roles,
    locale: u.locale,
    timezone: { useAutomaticTimezone: 'true', automaticTimezone: '', manualTimezone: '', ...u.timezone },
    props: u.props,
    last_picture_update: u.last_picture_update,
    is_bot: u.is_bot,
    mfa_active: u.mfa_active,
  };
  if (u.is_bot) user.bot_description = u.bot_description;
  if (config.TeamSettings.EnableLastActiveTime) user.last_activity_at = u.last_activity_at;
  if (self || admin) {
    user.email_verified = u.email_verified;
    user.notify_props = u.notify_props;
    user.last_password_update = u.last_password_update;
    user.failed_attempts = u.failed_attempts;
    // The custom terms of service the user accepted (omitted when none, as Mattermost's omitempty).
    if (u.terms_of_service_id) {
      user.terms_of_service_id = u.terms_of_service_id;
      user.terms_of_service_create_at = u.terms_of_service_create_at;
    }
  }
  if (admin) user.auth_data = u.auth_data ?? '';
  return user;
}

export function defaultNotifyProps(): Record<string, string> {
  return {
    email: 'true',
    push: 'mention',
    desktop: 'mention',
    desktop_sound: 'true',
    mention_keys: '',
    channel: 'true',
    first_name: 'false',
    comments: 'never',
    push_status: 'away',
    desktop_threads: 'all',
    push_threads: 'all',
    email_threads: 'all',
    auto_responder_active: 'false',
    auto_responder_message: '',
  };
}
