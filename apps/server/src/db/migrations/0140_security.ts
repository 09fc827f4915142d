import { sql, type Kysely } from 'kysely';

/** Audit trail (Mattermost's Audits) and one-time tokens such as password-reset links (Tokens). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audits (
      id varchar(26) PRIMARY KEY,
      create_at bigint NOT NULL,
      -- Not a foreign key: the trail must outlive the user it describes.
      user_id varchar(26) NOT NULL DEFAULT '',
      action varchar(512) NOT NULL,
      extra_info varchar(1024) NOT NULL DEFAULT '',
      ip_address varchar(64) NOT NULL DEFAULT '',
      session_id varchar(26) NOT NULL DEFAULT '',
      user_agent varchar(512) NOT NULL DEFAULT ''
    );
    CREATE INDEX audits_user ON audits (user_id, create_at DESC);
    CREATE INDEX audits_create_at ON audits (create_at DESC);

    -- Only a hash of each token is kept: a database leak does not hand out reset links.
    CREATE TABLE tokens (
      token_hash char(64) PRIMARY KEY,
      create_at bigint NOT NULL,
      type varchar(64) NOT NULL,
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      extra jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX tokens_user ON tokens (user_id, type);
  `.execute(db);
}
