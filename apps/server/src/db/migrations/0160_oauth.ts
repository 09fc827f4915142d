import { sql, type Kysely } from 'kysely';

/**
 * The OAuth 2.0 provider: registered client apps, the users' consents, single-use authorization
 * codes and the grants (one per user and app) that hold the refresh token and the access session.
 * Secrets, codes and refresh tokens are kept as SHA-256 hashes only; the access token is a
 * sessions row (is_oauth) whose token is hashed like every session token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE oauth_apps (
      id varchar(26) PRIMARY KEY,
      -- Not a foreign key: an app outlives the account that registered it, as in Mattermost.
      creator_id varchar(26) NOT NULL,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      client_secret_hash char(64) NOT NULL,
      name varchar(64) NOT NULL,
      description varchar(512) NOT NULL DEFAULT '',
      icon_url varchar(512) NOT NULL DEFAULT '',
      callback_urls jsonb NOT NULL DEFAULT '[]',
      homepage varchar(256) NOT NULL,
      is_trusted boolean NOT NULL DEFAULT false
    );
    CREATE INDEX oauth_apps_creator ON oauth_apps (creator_id);

    -- A user's consent to an app (Mattermost keeps it as an "oauth_app" preference).
    CREATE TABLE oauth_authorizations (
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      client_id varchar(26) NOT NULL REFERENCES oauth_apps (id) ON DELETE CASCADE,
      scope varchar(128) NOT NULL DEFAULT '',
      create_at bigint NOT NULL,
      PRIMARY KEY (user_id, client_id)
    );
    CREATE INDEX oauth_authorizations_client ON oauth_authorizations (client_id);

    CREATE TABLE oauth_codes (
      code_hash char(64) PRIMARY KEY,
      client_id varchar(26) NOT NULL REFERENCES oauth_apps (id) ON DELETE CASCADE,
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      redirect_uri varchar(1024) NOT NULL,
      scope varchar(128) NOT NULL DEFAULT '',
      create_at bigint NOT NULL,
      expires_at bigint NOT NULL
    );
    CREATE INDEX oauth_codes_user_client ON oauth_codes (user_id, client_id);

    CREATE TABLE oauth_grants (
      id varchar(26) PRIMARY KEY,
      client_id varchar(26) NOT NULL REFERENCES oauth_apps (id) ON DELETE CASCADE,
      user_id varchar(26) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      refresh_token_hash char(64) NOT NULL UNIQUE,
      redirect_uri varchar(1024) NOT NULL,
      scope varchar(128) NOT NULL DEFAULT '',
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      UNIQUE (user_id, client_id)
    );
    CREATE INDEX oauth_grants_client ON oauth_grants (client_id);

    -- Deauthorizing or deleting an app ends the access sessions issued for it.
    CREATE INDEX sessions_oauth_app ON sessions ((props->>'oauth_app_id')) WHERE is_oauth;
  `.execute(db);
}
