import { sql, type Kysely } from 'kysely';

/**
 * Custom slash commands (Mattermost's Commands) and the response URLs handed to them
 * (CommandWebhooks): a response URL id is a secret that allows a few delayed replies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE commands (
      id varchar(26) PRIMARY KEY,
      token varchar(26) NOT NULL,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      creator_id varchar(26) NOT NULL,
      team_id varchar(26) NOT NULL,
      trigger varchar(128) NOT NULL,
      method varchar(1) NOT NULL,
      username varchar(64) NOT NULL DEFAULT '',
      icon_url varchar(1024) NOT NULL DEFAULT '',
      auto_complete boolean NOT NULL DEFAULT false,
      auto_complete_desc varchar(1024) NOT NULL DEFAULT '',
      auto_complete_hint varchar(1024) NOT NULL DEFAULT '',
      display_name varchar(64) NOT NULL DEFAULT '',
      description varchar(128) NOT NULL DEFAULT '',
      url varchar(1024) NOT NULL
    );
    -- Executing a command looks its trigger up in the channel's team.
    CREATE INDEX commands_team_trigger ON commands (team_id, trigger) WHERE delete_at = 0;

    CREATE TABLE command_webhooks (
      id varchar(26) PRIMARY KEY,
      create_at bigint NOT NULL,
      command_id varchar(26) NOT NULL,
      user_id varchar(26) NOT NULL,
      channel_id varchar(26) NOT NULL,
      root_id varchar(26) NOT NULL DEFAULT '',
      use_count integer NOT NULL DEFAULT 0
    );
    CREATE INDEX command_webhooks_create_at ON command_webhooks (create_at);
  `.execute(db);
}
