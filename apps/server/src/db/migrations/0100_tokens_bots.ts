import { sql, type Kysely } from 'kysely';

/** Personal access tokens and bot accounts (the bot's profile itself is a users row with is_bot). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Only a hash of the token is kept, as for sessions: the token is shown once, at creation.
    CREATE TABLE user_access_tokens (
      id varchar(26) PRIMARY KEY,
      token_hash char(64) NOT NULL UNIQUE,
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      description varchar(255) NOT NULL DEFAULT '',
      is_active boolean NOT NULL DEFAULT true,
      -- 0 = never expires.
      expires_at bigint NOT NULL DEFAULT 0
    );
    CREATE INDEX user_access_tokens_user ON user_access_tokens (user_id);
    -- Revoking or disabling a token ends the sessions built from it.
    CREATE INDEX sessions_access_token ON sessions ((props->>'user_access_token_id'));

    CREATE TABLE bots (
      user_id varchar(26) PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      description varchar(1024) NOT NULL DEFAULT '',
      -- A user id, or a plugin id; not a foreign key, so a bot outlives its owner (orphaned).
      owner_id varchar(190) NOT NULL,
      last_icon_update bigint NOT NULL DEFAULT 0,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0
    );
    CREATE INDEX bots_owner ON bots (owner_id);
  `.execute(db);
}
