import { sql, type Kysely } from 'kysely';

/** Users, sessions, teams, channels, memberships, sidebar categories, preferences, roles, system values. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE systems (
      name text PRIMARY KEY,
      value text NOT NULL
    );

    CREATE TABLE users (
      id varchar(26) PRIMARY KEY,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      username varchar(64) NOT NULL UNIQUE,
      password text NOT NULL DEFAULT '',
      auth_data varchar(128),
      auth_service varchar(32) NOT NULL DEFAULT '',
      email varchar(128) NOT NULL UNIQUE,
      email_verified boolean NOT NULL DEFAULT false,
      nickname varchar(64) NOT NULL DEFAULT '',
      first_name varchar(64) NOT NULL DEFAULT '',
      last_name varchar(64) NOT NULL DEFAULT '',
      position varchar(128) NOT NULL DEFAULT '',
      roles text NOT NULL DEFAULT 'system_user',
      props jsonb NOT NULL DEFAULT '{}',
      notify_props jsonb NOT NULL DEFAULT '{}',
      last_password_update bigint NOT NULL DEFAULT 0,
      last_picture_update bigint NOT NULL DEFAULT 0,
      failed_attempts integer NOT NULL DEFAULT 0,
      locale varchar(5) NOT NULL DEFAULT 'en',
      timezone jsonb NOT NULL DEFAULT '{}',
      mfa_active boolean NOT NULL DEFAULT false,
      mfa_secret text NOT NULL DEFAULT '',
      last_activity_at bigint NOT NULL DEFAULT 0,
      is_bot boolean NOT NULL DEFAULT false,
      bot_description text NOT NULL DEFAULT '',
      remote_id varchar(26),
      UNIQUE (auth_service, auth_data)
    );
    CREATE INDEX users_update_at ON users (update_at);
    CREATE INDEX users_search ON users (lower(username) text_pattern_ops);

    CREATE TABLE user_images (
      user_id varchar(26) PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      content_type text NOT NULL,
      data bytea NOT NULL
    );

    CREATE TABLE sessions (
      id varchar(26) PRIMARY KEY,
      token_hash char(64) NOT NULL UNIQUE,
      create_at bigint NOT NULL,
      expires_at bigint NOT NULL,
      last_activity_at bigint NOT NULL,
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      device_id text NOT NULL DEFAULT '',
      roles text NOT NULL DEFAULT '',
      is_oauth boolean NOT NULL DEFAULT false,
      props jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX sessions_user_id ON sessions (user_id);

    CREATE TABLE teams (
      id varchar(26) PRIMARY KEY,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      display_name varchar(64) NOT NULL,
      name varchar(64) NOT NULL UNIQUE,
      description varchar(255) NOT NULL DEFAULT '',
      email varchar(128) NOT NULL DEFAULT '',
      type char(1) NOT NULL,
      company_name varchar(64) NOT NULL DEFAULT '',
      allowed_domains text NOT NULL DEFAULT '',
      invite_id varchar(32) NOT NULL UNIQUE,
      allow_open_invite boolean NOT NULL DEFAULT false,
      scheme_id varchar(26),
      group_constrained boolean NOT NULL DEFAULT false,
      last_team_icon_update bigint NOT NULL DEFAULT 0
    );

    CREATE TABLE team_members (
      team_id varchar(26) NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      roles text NOT NULL DEFAULT '',
      scheme_guest boolean NOT NULL DEFAULT false,
      scheme_user boolean NOT NULL DEFAULT true,
      scheme_admin boolean NOT NULL DEFAULT false,
      create_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (team_id, user_id)
    );
    CREATE INDEX team_members_user_id ON team_members (user_id);

    CREATE TABLE channels (
      id varchar(26) PRIMARY KEY,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      team_id varchar(26) NOT NULL DEFAULT '',
      type char(1) NOT NULL,
      display_name varchar(64) NOT NULL DEFAULT '',
      name varchar(64) NOT NULL,
      header varchar(1024) NOT NULL DEFAULT '',
      purpose varchar(250) NOT NULL DEFAULT '',
      last_post_at bigint NOT NULL DEFAULT 0,
      last_root_post_at bigint NOT NULL DEFAULT 0,
      total_msg_count bigint NOT NULL DEFAULT 0,
      total_msg_count_root bigint NOT NULL DEFAULT 0,
      creator_id varchar(26) NOT NULL DEFAULT '',
      scheme_id varchar(26),
      group_constrained boolean NOT NULL DEFAULT false,
      shared boolean NOT NULL DEFAULT false,
      props jsonb NOT NULL DEFAULT '{}',
      UNIQUE (team_id, name)
    );
    CREATE INDEX channels_team_id ON channels (team_id);
    CREATE INDEX channels_name_search ON channels (name text_pattern_ops);

    CREATE TABLE channel_members (
      channel_id varchar(26) NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      roles text NOT NULL DEFAULT '',
      last_viewed_at bigint NOT NULL DEFAULT 0,
      msg_count bigint NOT NULL DEFAULT 0,
      msg_count_root bigint NOT NULL DEFAULT 0,
      mention_count bigint NOT NULL DEFAULT 0,
      mention_count_root bigint NOT NULL DEFAULT 0,
      urgent_mention_count bigint NOT NULL DEFAULT 0,
      notify_props jsonb NOT NULL DEFAULT '{}',
      last_update_at bigint NOT NULL,
      scheme_guest boolean NOT NULL DEFAULT false,
      scheme_user boolean NOT NULL DEFAULT true,
      scheme_admin boolean NOT NULL DEFAULT false,
      PRIMARY KEY (channel_id, user_id)
    );
    CREATE INDEX channel_members_user_id ON channel_members (user_id);

    CREATE TABLE sidebar_categories (
      id varchar(128) PRIMARY KEY,
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      team_id varchar(26) NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
      sort_order integer NOT NULL DEFAULT 0,
      sorting varchar(64) NOT NULL DEFAULT '',
      type varchar(64) NOT NULL,
      display_name varchar(64) NOT NULL,
      muted boolean NOT NULL DEFAULT false,
      collapsed boolean NOT NULL DEFAULT false
    );
    CREATE INDEX sidebar_categories_user_team ON sidebar_categories (user_id, team_id);

    CREATE TABLE sidebar_channels (
      category_id varchar(128) NOT NULL REFERENCES sidebar_categories (id) ON DELETE CASCADE,
      channel_id varchar(26) NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      user_id varchar(26) NOT NULL,
      sort_order integer NOT NULL DEFAULT 0,
      PRIMARY KEY (category_id, channel_id)
    );
    CREATE INDEX sidebar_channels_user_channel ON sidebar_channels (user_id, channel_id);

    CREATE TABLE preferences (
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      category varchar(32) NOT NULL,
      name varchar(64) NOT NULL,
      value text NOT NULL,
      PRIMARY KEY (user_id, category, name)
    );

    CREATE TABLE roles (
      id varchar(26) PRIMARY KEY,
      name varchar(64) NOT NULL UNIQUE,
      display_name varchar(128) NOT NULL,
      description text NOT NULL DEFAULT '',
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      permissions text[] NOT NULL,
      scheme_managed boolean NOT NULL DEFAULT false,
      built_in boolean NOT NULL DEFAULT false
    );
  `.execute(db);
}
