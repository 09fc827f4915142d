import { sql, type Kysely } from 'kysely';

/**
 * Uploaded files (Mattermost's FileInfo) and custom emoji. The bytes live in the file store
 * (platform/files); these rows hold where, and what the clients are shown.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE file_infos (
      id varchar(26) PRIMARY KEY,
      creator_id varchar(26) NOT NULL,
      post_id varchar(26) NOT NULL DEFAULT '',
      channel_id varchar(26) NOT NULL,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      path varchar(512) NOT NULL,
      thumbnail_path varchar(512) NOT NULL DEFAULT '',
      preview_path varchar(512) NOT NULL DEFAULT '',
      name varchar(256) NOT NULL,
      extension varchar(64) NOT NULL DEFAULT '',
      size bigint NOT NULL,
      mime_type varchar(256) NOT NULL DEFAULT '',
      width integer NOT NULL DEFAULT 0,
      height integer NOT NULL DEFAULT 0,
      has_preview_image boolean NOT NULL DEFAULT false,
      mini_preview bytea,
      archived boolean NOT NULL DEFAULT false
    );
    -- Posts list their files by post; attaching checks the uploader's unattached files.
    CREATE INDEX file_infos_post ON file_infos (post_id, create_at) WHERE post_id <> '';
    CREATE INDEX file_infos_channel ON file_infos (channel_id, create_at);
    CREATE INDEX file_infos_creator ON file_infos (creator_id, create_at);

    CREATE TABLE emoji (
      id varchar(26) PRIMARY KEY,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      delete_at bigint NOT NULL DEFAULT 0,
      creator_id varchar(26) NOT NULL,
      name varchar(64) NOT NULL
    );
    -- A name belongs to one live emoji; a deleted one frees it.
    CREATE UNIQUE INDEX emoji_live_name ON emoji (name) WHERE delete_at = 0;
    CREATE INDEX emoji_create_at ON emoji (create_at) WHERE delete_at = 0;

    -- Mattermost grants every user create/delete of their own emoji (its emoji permissions
    -- migration); databases whose roles were seeded before this migration get them here.
    UPDATE roles SET permissions = permissions || ARRAY['create_emojis', 'delete_emojis']
      WHERE name = 'system_user' AND NOT ('create_emojis' = ANY(permissions));
  `.execute(db);
}
