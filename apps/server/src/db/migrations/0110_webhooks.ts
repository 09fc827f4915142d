import { sql, type Kysely } from 'kysely';

/** Incoming and outgoing webhooks (Mattermost's IncomingWebhooks / OutgoingWebhooks). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incoming_webhooks (
      id varchar(26) PRIMARY KEY,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      user_id varchar(26) NOT NULL,
      channel_id varchar(26) NOT NULL,
      team_id varchar(26) NOT NULL,
      display_name varchar(64) NOT NULL DEFAULT '',
      description varchar(500) NOT NULL DEFAULT '',
      username varchar(255) NOT NULL DEFAULT '',
      icon_url varchar(1024) NOT NULL DEFAULT '',
      channel_locked boolean NOT NULL DEFAULT false,
      last_used bigint NOT NULL DEFAULT 0
    );
    CREATE INDEX incoming_webhooks_team ON incoming_webhooks (team_id, create_at) WHERE delete_at = 0;
    CREATE INDEX incoming_webhooks_user ON incoming_webhooks (user_id, create_at) WHERE delete_at = 0;

    CREATE TABLE outgoing_webhooks (
      id varchar(26) PRIMARY KEY,
      token varchar(26) NOT NULL,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      creator_id varchar(26) NOT NULL,
      channel_id varchar(26) NOT NULL DEFAULT '',
      team_id varchar(26) NOT NULL,
      trigger_words jsonb NOT NULL DEFAULT '[]',
      trigger_when integer NOT NULL DEFAULT 0,
      callback_urls jsonb NOT NULL DEFAULT '[]',
      display_name varchar(64) NOT NULL DEFAULT '',
      description varchar(500) NOT NULL DEFAULT '',
      content_type varchar(128) NOT NULL DEFAULT '',
      username varchar(64) NOT NULL DEFAULT '',
      icon_url varchar(1024) NOT NULL DEFAULT ''
    );
    -- Every post in a public channel looks up its team's live hooks.
    CREATE INDEX outgoing_webhooks_team ON outgoing_webhooks (team_id, create_at) WHERE delete_at = 0;
    CREATE INDEX outgoing_webhooks_channel ON outgoing_webhooks (channel_id, create_at) WHERE delete_at = 0;
    CREATE INDEX outgoing_webhooks_creator ON outgoing_webhooks (creator_id, create_at) WHERE delete_at = 0;
  `.execute(db);
}
