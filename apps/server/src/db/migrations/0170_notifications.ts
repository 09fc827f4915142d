import { sql, type Kysely } from 'kysely';

/**
 * Notifications and link previews: the durable queue of batched notification emails (a digest per
 * user, sent by a timer, so a restart loses nothing) and the OpenGraph data fetched for a post's
 * first link, kept with the post (its metadata.embeds and metadata.images).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_email_queue (
      id bigserial PRIMARY KEY,
      user_id varchar(26) NOT NULL,
      post_id varchar(26) NOT NULL,
      team_name varchar(64) NOT NULL DEFAULT '',
      create_at bigint NOT NULL
    );
    -- The timer reads each user's oldest entry; the bound counts a user's entries.
    CREATE INDEX notification_email_queue_user ON notification_email_queue (user_id, create_at);

    -- Nullable without a default: adding it rewrites nothing.
    ALTER TABLE posts ADD COLUMN link_metadata jsonb;
  `.execute(db);
}
