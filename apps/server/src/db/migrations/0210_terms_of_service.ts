import { sql, type Kysely } from 'kysely';

/**
 * Custom terms of service: every version the administrators wrote (the newest is in force), and on
 * each user the version they last accepted and when (Mattermost's UserTermsOfService, one per user,
 * kept on the user row because it is read with the user and never listed on its own).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE terms_of_service (
      id varchar(26) PRIMARY KEY,
      create_at bigint NOT NULL,
      user_id varchar(26) NOT NULL,
      text text NOT NULL
    );
    -- The newest version is read on every client config request while the feature is on.
    CREATE INDEX terms_of_service_create_at ON terms_of_service (create_at DESC);

    -- Constant defaults: adding them rewrites nothing.
    ALTER TABLE users
      ADD COLUMN terms_of_service_id varchar(26) NOT NULL DEFAULT '',
      ADD COLUMN terms_of_service_create_at bigint NOT NULL DEFAULT 0;
  `.execute(db);
}
