import { sql, type Kysely } from 'kysely';

/** Posts (with edit history), threads and their followers, reactions, user statuses. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE posts (
      id varchar(26) PRIMARY KEY,
      create_at bigint NOT NULL,
      update_at bigint NOT NULL,
      edit_at bigint NOT NULL DEFAULT 0,
      delete_at bigint NOT NULL DEFAULT 0,
      is_pinned boolean NOT NULL DEFAULT false,
      user_id varchar(26) NOT NULL,
      channel_id varchar(26) NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      root_id varchar(26) NOT NULL DEFAULT '',
      original_id varchar(26) NOT NULL DEFAULT '',
      message text NOT NULL DEFAULT '',
      type varchar(64) NOT NULL DEFAULT '',
      props jsonb NOT NULL DEFAULT '{}',
      hashtags text NOT NULL DEFAULT '',
      file_ids jsonb NOT NULL DEFAULT '[]',
      -- The client's id for an optimistic post; unique per author, so a retried create is one post.
      pending_post_id varchar(64) NOT NULL DEFAULT '',
      has_reactions boolean NOT NULL DEFAULT false,
      remote_id varchar(26),
      priority jsonb
    );
    CREATE INDEX posts_channel_create ON posts (channel_id, create_at DESC);
    CREATE INDEX posts_channel_update ON posts (channel_id, update_at);
    CREATE INDEX posts_root ON posts (root_id, create_at) WHERE root_id <> '';
    CREATE INDEX posts_user ON posts (user_id, create_at DESC);
    CREATE INDEX posts_pinned ON posts (channel_id) WHERE is_pinned;
    CREATE UNIQUE INDEX posts_pending ON posts (user_id, pending_post_id) WHERE pending_post_id <> '';

    -- Earlier versions of edited posts (GET /posts/{id}/edit_history).
    CREATE TABLE post_edits (
      id varchar(26) PRIMARY KEY,
      post_id varchar(26) NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      message text NOT NULL,
      props jsonb NOT NULL DEFAULT '{}',
      file_ids jsonb NOT NULL DEFAULT '[]',
      create_at bigint NOT NULL,
      edit_at bigint NOT NULL
    );
    CREATE INDEX post_edits_post ON post_edits (post_id, edit_at DESC);

    -- One row per root post that has replies (collapsed reply threads).
    CREATE TABLE threads (
      post_id varchar(26) PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
      channel_id varchar(26) NOT NULL,
      reply_count bigint NOT NULL DEFAULT 0,
      last_reply_at bigint NOT NULL DEFAULT 0,
      participants jsonb NOT NULL DEFAULT '[]',
      thread_delete_at bigint NOT NULL DEFAULT 0
    );
    CREATE INDEX threads_channel ON threads (channel_id, last_reply_at DESC);

    CREATE TABLE thread_memberships (
      post_id varchar(26) NOT NULL REFERENCES threads (post_id) ON DELETE CASCADE,
      user_id varchar(26) NOT NULL,
      following boolean NOT NULL DEFAULT true,
      last_viewed bigint NOT NULL DEFAULT 0,
      last_updated bigint NOT NULL DEFAULT 0,
      unread_mentions bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (post_id, user_id)
    );
    CREATE INDEX thread_memberships_user ON thread_memberships (user_id, last_updated DESC);

    CREATE TABLE reactions (
      post_id varchar(26) NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
      user_id varchar(26) NOT NULL,
      emoji_name varchar(64) NOT NULL,
      channel_id varchar(26) NOT NULL,
      create_at bigint NOT NULL,
      PRIMARY KEY (post_id, user_id, emoji_name)
    );

    CREATE TABLE status (
      user_id varchar(26) PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      status varchar(32) NOT NULL,
      manual boolean NOT NULL DEFAULT false,
      last_activity_at bigint NOT NULL DEFAULT 0,
      dnd_end_time bigint NOT NULL DEFAULT 0,
      prev_status varchar(32) NOT NULL DEFAULT ''
    );
  `.execute(db);
}
