import { sql, type Kysely } from 'kysely';

/**
 * Permission schemes (Mattermost's Schemes): a team or channel scheme names the roles its
 * members get in place of the built-in team and channel roles. Teams and channels already carry
 * scheme_id; the indexes serve "which teams/channels use this scheme".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE schemes (
      id varchar(26) PRIMARY KEY,
      name varchar(64) NOT NULL UNIQUE,
      display_name varchar(128) NOT NULL,
      description varchar(1024) NOT NULL DEFAULT '',
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      scope varchar(32) NOT NULL,
      default_team_admin_role varchar(64) NOT NULL DEFAULT '',
      default_team_user_role varchar(64) NOT NULL DEFAULT '',
      default_team_guest_role varchar(64) NOT NULL DEFAULT '',
      default_channel_admin_role varchar(64) NOT NULL DEFAULT '',
      default_channel_user_role varchar(64) NOT NULL DEFAULT '',
      default_channel_guest_role varchar(64) NOT NULL DEFAULT ''
    );
    CREATE INDEX schemes_live ON schemes (scope, create_at DESC) WHERE delete_at = 0;
    CREATE INDEX teams_scheme ON teams (scheme_id) WHERE scheme_id IS NOT NULL;
    CREATE INDEX channels_scheme ON channels (scheme_id) WHERE scheme_id IS NOT NULL;
  `.execute(db);
}
