import type { ColumnType } from 'kysely';

/** Row types of the tables, as Kysely sees them (bigint columns are parsed as numbers). */

type Default<T> = ColumnType<T, T | undefined, T>;
type StringMap = Record<string, string>;

export interface SystemsTable {
  name: string;
  value: string;
}

export interface UsersTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  username: string;
  password: Default<string>;
  auth_data: Default<string | null>;
  auth_service: Default<string>;
  email: string;
  email_verified: Default<boolean>;
  nickname: Default<string>;
  first_name: Default<string>;
  last_name: Default<string>;
  position: Default<string>;
  roles: Default<string>;
  props: Default<StringMap>;
  notify_props: Default<StringMap>;
  last_password_update: Default<number>;
  last_picture_update: Default<number>;
  failed_attempts: Default<number>;
  locale: Default<string>;
  timezone: Default<StringMap>;
  mfa_active: Default<boolean>;
  mfa_secret: Default<string>;
  last_activity_at: Default<number>;
  is_bot: Default<boolean>;
  bot_description: Default<string>;
  remote_id: Default<string | null>;
  /** The terms of service version the user last accepted ('' = none) and when (migration 0210). */
  terms_of_service_id: Default<string>;
  terms_of_service_create_at: Default<number>;
}

export interface UserImagesTable {
  user_id: string;
  content_type: string;
  data: Buffer;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  create_at: number;
  expires_at: number;
  last_activity_at: number;
  user_id: string;
  device_id: Default<string>;
  roles: Default<string>;
  is_oauth: Default<boolean>;
  props: Default<StringMap>;
}

export interface TeamsTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  display_name: string;
  name: string;
  description: Default<string>;
  email: Default<string>;
  type: string;
  company_name: Default<string>;
  allowed_domains: Default<string>;
  invite_id: string;
  allow_open_invite: Default<boolean>;
  scheme_id: Default<string | null>;
  group_constrained: Default<boolean>;
  last_team_icon_update: Default<number>;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  roles: Default<string>;
  scheme_guest: Default<boolean>;
  scheme_user: Default<boolean>;
  scheme_admin: Default<boolean>;
  create_at: number;
  delete_at: Default<number>;
}

export interface ChannelsTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  team_id: Default<string>;
  type: string;
  display_name: Default<string>;
  name: string;
  header: Default<string>;
  purpose: Default<string>;
  last_post_at: Default<number>;
  last_root_post_at: Default<number>;
  total_msg_count: Default<number>;
  total_msg_count_root: Default<number>;
  creator_id: Default<string>;
  scheme_id: Default<string | null>;
  group_constrained: Default<boolean>;
  shared: Default<boolean>;
  props: Default<StringMap>;
}

export interface ChannelMembersTable {
  channel_id: string;
  user_id: string;
  roles: Default<string>;
  last_viewed_at: Default<number>;
  msg_count: Default<number>;
  msg_count_root: Default<number>;
  mention_count: Default<number>;
  mention_count_root: Default<number>;
  urgent_mention_count: Default<number>;
  notify_props: Default<StringMap>;
  last_update_at: number;
  scheme_guest: Default<boolean>;
  scheme_user: Default<boolean>;
  scheme_admin: Default<boolean>;
}

export interface SidebarCategoriesTable {
  id: string;
  user_id: string;
  team_id: string;
  sort_order: Default<number>;
  sorting: Default<string>;
  type: string;
  display_name: string;
  muted: Default<boolean>;
  collapsed: Default<boolean>;
}

export interface SidebarChannelsTable {
  category_id: string;
  channel_id: string;
  user_id: string;
  sort_order: Default<number>;
}

export interface PreferencesTable {
  user_id: string;
  category: string;
  name: string;
  value: string;
}

export interface RolesTable {
  id: string;
  name: string;
  display_name: string;
  description: Default<string>;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  permissions: string[];
  scheme_managed: Default<boolean>;
  built_in: Default<boolean>;
}

export interface SchemesTable {
  id: string;
  name: string;
  display_name: string;
  description: Default<string>;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  scope: string;
  default_team_admin_role: Default<string>;
  default_team_user_role: Default<string>;
  default_team_guest_role: Default<string>;
  default_channel_admin_role: Default<string>;
  default_channel_user_role: Default<string>;
  default_channel_guest_role: Default<string>;
}

export interface PostsTable {
  id: string;
  create_at: number;
  update_at: number;
  edit_at: Default<number>;
  delete_at: Default<number>;
  is_pinned: Default<boolean>;
  user_id: string;
  channel_id: string;
  root_id: Default<string>;
  original_id: Default<string>;
  message: Default<string>;
  type: Default<string>;
  props: Default<Record<string, unknown>>;
  hashtags: Default<string>;
  file_ids: Default<string[]>;
  pending_post_id: Default<string>;
  has_reactions: Default<boolean>;
  remote_id: Default<string | null>;
  priority: Default<Record<string, unknown> | null>;
  /** Link preview data of the first link ({embeds, images}), filled in after the post commits. */
  link_metadata: Default<LinkMetadata | null>;
}

export interface LinkMetadata {
  embeds: Record<string, unknown>[];
  images: Record<string, Record<string, unknown>>;
}

export interface NotificationEmailQueueTable {
  id: ColumnType<number, never, never>;
  user_id: string;
  post_id: string;
  team_name: Default<string>;
  create_at: number;
}

export interface TermsOfServiceTable {
  id: string;
  create_at: number;
  user_id: string;
  text: string;
}

export interface PostEditsTable {
  id: string;
  post_id: string;
  message: string;
  props: Default<Record<string, unknown>>;
  file_ids: Default<string[]>;
  create_at: number;
  edit_at: number;
}

export interface ThreadsTable {
  post_id: string;
  channel_id: string;
  reply_count: Default<number>;
  last_reply_at: Default<number>;
  participants: Default<string[]>;
  thread_delete_at: Default<number>;
}

export interface ThreadMembershipsTable {
  post_id: string;
  user_id: string;
  following: Default<boolean>;
  last_viewed: Default<number>;
  last_updated: Default<number>;
  unread_mentions: Default<number>;
}

export interface ReactionsTable {
  post_id: string;
  user_id: string;
  emoji_name: string;
  channel_id: string;
  create_at: number;
}

export interface StatusTable {
  user_id: string;
  status: string;
  manual: Default<boolean>;
  last_activity_at: Default<number>;
  dnd_end_time: Default<number>;
  prev_status: Default<string>;
}

export interface UserAccessTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  description: Default<string>;
  is_active: Default<boolean>;
  expires_at: Default<number>;
}

export interface BotsTable {
  user_id: string;
  description: Default<string>;
  owner_id: string;
  last_icon_update: Default<number>;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
}

export interface IncomingWebhooksTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  user_id: string;
  channel_id: string;
  team_id: string;
  display_name: Default<string>;
  description: Default<string>;
  username: Default<string>;
  icon_url: Default<string>;
  channel_locked: Default<boolean>;
  last_used: Default<number>;
}

export interface OutgoingWebhooksTable {
  id: string;
  token: string;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  creator_id: string;
  channel_id: Default<string>;
  team_id: string;
  trigger_words: Default<string[]>;
  trigger_when: Default<number>;
  callback_urls: Default<string[]>;
  display_name: Default<string>;
  description: Default<string>;
  content_type: Default<string>;
  username: Default<string>;
  icon_url: Default<string>;
}

export interface CommandsTable {
  id: string;
  token: string;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  creator_id: string;
  team_id: string;
  trigger: string;
  method: string;
  username: Default<string>;
  icon_url: Default<string>;
  auto_complete: Default<boolean>;
  auto_complete_desc: Default<string>;
  auto_complete_hint: Default<string>;
  display_name: Default<string>;
  description: Default<string>;
  url: string;
}

export interface CommandWebhooksTable {
  id: string;
  create_at: number;
  command_id: string;
  user_id: string;
  channel_id: string;
  root_id: Default<string>;
  use_count: Default<number>;
}

export interface AuditsTable {
  id: string;
  create_at: number;
  user_id: Default<string>;
  action: string;
  extra_info: Default<string>;
  ip_address: Default<string>;
  session_id: Default<string>;
  user_agent: Default<string>;
}

export interface TokensTable {
  token_hash: string;
  create_at: number;
  type: string;
  user_id: string;
  extra: Default<StringMap>;
}

export interface FileInfosTable {
  id: string;
  creator_id: string;
  post_id: Default<string>;
  channel_id: string;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  path: string;
  thumbnail_path: Default<string>;
  preview_path: Default<string>;
  name: string;
  extension: Default<string>;
  size: number;
  mime_type: Default<string>;
  width: Default<number>;
  height: Default<number>;
  has_preview_image: Default<boolean>;
  mini_preview: Default<Buffer | null>;
  archived: Default<boolean>;
}

export interface EmojiTable {
  id: string;
  create_at: number;
  update_at: number;
  delete_at: Default<number>;
  creator_id: string;
  name: string;
}

export interface OAuthAppsTable {
  id: string;
  creator_id: string;
  create_at: number;
  update_at: number;
  client_secret_hash: string;
  name: string;
  description: Default<string>;
  icon_url: Default<string>;
  callback_urls: Default<string[]>;
  homepage: string;
  is_trusted: Default<boolean>;
}

export interface OAuthAuthorizationsTable {
  user_id: string;
  client_id: string;
  scope: Default<string>;
  create_at: number;
}

export interface OAuthCodesTable {
  code_hash: string;
  client_id: string;
  user_id: string;
  redirect_uri: string;
  scope: Default<string>;
  create_at: number;
  expires_at: number;
}

export interface OAuthGrantsTable {
  id: string;
  client_id: string;
  user_id: string;
  refresh_token_hash: string;
  redirect_uri: string;
  scope: Default<string>;
  create_at: number;
  update_at: number;
}

export interface Database {
  systems: SystemsTable;
  users: UsersTable;
  user_images: UserImagesTable;
  sessions: SessionsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  channels: ChannelsTable;
  channel_members: ChannelMembersTable;
  sidebar_categories: SidebarCategoriesTable;
  sidebar_channels: SidebarChannelsTable;
  preferences: PreferencesTable;
  roles: RolesTable;
  schemes: SchemesTable;
  posts: PostsTable;
  post_edits: PostEditsTable;
  threads: ThreadsTable;
  thread_memberships: ThreadMembershipsTable;
  reactions: ReactionsTable;
  status: StatusTable;
  incoming_webhooks: IncomingWebhooksTable;
  outgoing_webhooks: OutgoingWebhooksTable;
  user_access_tokens: UserAccessTokensTable;
  bots: BotsTable;
  audits: AuditsTable;
  tokens: TokensTable;
  commands: CommandsTable;
  command_webhooks: CommandWebhooksTable;
  file_infos: FileInfosTable;
  emoji: EmojiTable;
  oauth_apps: OAuthAppsTable;
  oauth_authorizations: OAuthAuthorizationsTable;
  oauth_codes: OAuthCodesTable;
  oauth_grants: OAuthGrantsTable;
  notification_email_queue: NotificationEmailQueueTable;
  terms_of_service: TermsOfServiceTable;
}
