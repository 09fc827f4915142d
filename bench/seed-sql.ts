/**
 * The bulk SQL of the seed (bench/seed.ts). Every id is derived from a row number with md5, so
 * the load generator can recompute users' ids and session tokens without reading them back.
 * Each statement is one INSERT … SELECT over generate_series: PostgreSQL builds the rows itself,
 * nothing crosses the wire per row. Values are named {now}, {hash}, {userNotify}, {memberNotify}
 * and inlined as literals by the caller (several statements per string need the simple protocol).
 */
export interface SeedShape {
  users: number;
  teams: number;
  channelsPerTeam: number;
  directChannels: number;
  posts: number;
}

const DAY = 86_400_000;
export const SEED_SPAN_MS = 365 * DAY;

// `id(prefix, expr)`: a 26-character id in Mattermost's alphabet (hex digits are a subset).
const id = (prefix: string, expr: string) => `substr(md5('${prefix}' || (${expr})::text), 1, 26)`;
export const userIdSql = (expr: string) => id('user', expr);
const teamOfUser = (i: string, s: SeedShape) => `((${i} - 1) % ${s.teams} + 1)`;
const channelIdSql = (team: string, k: string) => id('chan', `${team} || '-' || ${k}`);

export function usersSql(s: SeedShape): string {
  return `
    INSERT INTO users (id, create_at, update_at, username, password, email, email_verified,
                       first_name, last_name, roles, notify_props, last_password_update, locale)
    SELECT ${userIdSql('i')}, {now}::bigint - (${s.users} - i) * 60000, {now}::bigint - (${s.users} - i) * 60000,
           'user' || i, {hash}, 'user' || i || '@bench.example', true, 'First' || i, 'Last' || i,
           CASE WHEN i = 1 THEN 'system_admin system_user' ELSE 'system_user' END,
           {userNotify}::jsonb, {now}::bigint - ${SEED_SPAN_MS}, 'en'
    FROM generate_series(1, ${s.users}) AS i`;
}

/** One login session per user with a known token (only its sha256 is stored, as the server does). */
export function sessionsSql(s: SeedShape): string {
  return `
    INSERT INTO sessions (id, token_hash, create_at, expires_at, last_activity_at, user_id, roles, props)
    SELECT ${id('session', 'i')},
           encode(sha256(convert_to(${id('token', 'i')}, 'UTF8')), 'hex'),
           {now}::bigint, {now}::bigint + ${SEED_SPAN_MS}, {now}::bigint, ${userIdSql('i')},
           CASE WHEN i = 1 THEN 'system_admin system_user' ELSE 'system_user' END,
           jsonb_build_object('csrf', ${id('csrf', 'i')})
    FROM generate_series(1, ${s.users}) AS i`;
}

export function teamsSql(s: SeedShape): string {
  return `
    INSERT INTO teams (id, create_at, update_at, display_name, name, type, invite_id, allow_open_invite)
    SELECT ${id('team', 't')}, {now}::bigint - ${SEED_SPAN_MS}, {now}::bigint - ${SEED_SPAN_MS}, 'Team ' || t, 'team' || t,
           'O', md5('invite' || t), true
    FROM generate_series(1, ${s.teams}) AS t;

    INSERT INTO team_members (team_id, user_id, scheme_admin, create_at)
    SELECT ${id('team', teamOfUser('i', s))}, ${userIdSql('i')}, i <= ${s.teams}, {now}::bigint - ${SEED_SPAN_MS}
    FROM generate_series(1, ${s.users}) AS i`;
}

/** Town Square and Off-Topic, then channels 3..N per team; every fifth one private. */
export function channelsSql(s: SeedShape): string {
  return `
    INSERT INTO channels (id, create_at, update_at, team_id, type, display_name, name, purpose, creator_id)
    SELECT ${channelIdSql('t', 'k')}, {now}::bigint - ${SEED_SPAN_MS}, {now}::bigint - ${SEED_SPAN_MS}, ${id('team', 't')},
           CASE WHEN k > 2 AND k % 5 = 0 THEN 'P' ELSE 'O' END,
           CASE k WHEN 1 THEN 'Town Square' WHEN 2 THEN 'Off-Topic' ELSE 'Channel ' || k END,
           CASE k WHEN 1 THEN 'town-square' WHEN 2 THEN 'off-topic' ELSE 'channel-' || k END,
           'Benchmark channel ' || k, ${userIdSql('t')}
    FROM generate_series(1, ${s.teams}) AS t, generate_series(1, ${s.channelsPerTeam}) AS k`;
}

/**
 * Everybody is in their team's Town Square and Off-Topic (the big channels); each user then picks
 * 18–48 of the other channels with a cubic skew, so low-numbered channels are large (most of the
 * team) and high-numbered ones small, as in real workspaces. Duplicate picks collapse.
 */
export function channelMembersSql(s: SeedShape): string {
  const others = s.channelsPerTeam - 2;
  return `
    SELECT setseed(0.42);
    INSERT INTO channel_members (channel_id, user_id, notify_props, last_update_at)
    SELECT DISTINCT ${channelIdSql(teamOfUser('i', s), 'k')}, ${userIdSql('i')}, {memberNotify}::jsonb, {now}::bigint
    FROM generate_series(1, ${s.users}) AS i,
         LATERAL (SELECT 1 AS k UNION ALL SELECT 2
                  UNION ALL
                  SELECT 3 + floor(${others} * power(random(), 3))::int
                  FROM generate_series(1, 18 + (i * 7) % 31)) AS picks`;
}

/**
 * Direct channels between pairs (a, a+off): off = 1, 14, 27, … so pairs never repeat; the name is
 * the two ids sorted and joined by "__", as Mattermost names them.
 */
export function directChannelsSql(s: SeedShape): string {
  const pair = `(SELECT ${userIdSql('((d - 1) % ' + s.users + ') + 1')} AS a,
                        ${userIdSql('(((d - 1) % ' + s.users + ') + 1 + 13 * ((d - 1) / ' + s.users + ')) % ' + s.users + ' + 1')} AS b,
                        d
                 FROM generate_series(1, ${s.directChannels}) AS d)`;
  return `
    CREATE TEMP TABLE bench_dm AS
    SELECT ${id('dm', 'd')} AS id, least(a, b) AS lo, greatest(a, b) AS hi FROM ${pair} AS p;
    INSERT INTO channels (id, create_at, update_at, team_id, type, name, creator_id)
    SELECT id, {now}::bigint - ${SEED_SPAN_MS}, {now}::bigint - ${SEED_SPAN_MS}, '', 'D', lo || '__' || hi, lo FROM bench_dm;
    INSERT INTO channel_members (channel_id, user_id, notify_props, last_update_at)
    SELECT id, lo, {memberNotify}::jsonb, {now}::bigint FROM bench_dm
    UNION ALL SELECT id, hi, {memberNotify}::jsonb, {now}::bigint FROM bench_dm;
    DROP TABLE bench_dm`;
}

/**
 * Working tables for the posts: each channel's member list numbered 1..n (to pick authors),
 * its share of the posts (team channels by size, direct channels evenly) and a pool of sentences.
 */
export function postPlanSql(s: SeedShape, words: string[]): string {
  const vocab = words.map((w) => `'${w}'`).join(',');
  return `
    CREATE TEMP TABLE bench_chm AS
      SELECT channel_id, user_id, row_number() OVER (PARTITION BY channel_id ORDER BY user_id)::int AS rn
      FROM channel_members;
    CREATE INDEX ON bench_chm (channel_id, rn);
    CREATE TEMP TABLE bench_ch AS
      SELECT c.id, row_number() OVER (ORDER BY c.id)::int AS seq, m.n AS members,
             CASE WHEN c.type = 'D'
                  THEN ceil(${Math.round(s.posts * 0.15)}::numeric / ${Math.max(1, s.directChannels)})::int
                  ELSE ceil(${Math.round(s.posts * (s.directChannels ? 0.85 : 1))}::numeric * m.n / sum(m.n) FILTER (WHERE c.type <> 'D') OVER ())::int
             END AS posts
      FROM channels c JOIN (SELECT channel_id, count(*)::int AS n FROM channel_members GROUP BY channel_id) m
        ON m.channel_id = c.id;
    CREATE TEMP TABLE bench_words AS SELECT ARRAY[${vocab}] AS w;
    CREATE TEMP TABLE bench_sentences AS
      -- "+ 0 * g" ties string_agg to the inner query (otherwise it would aggregate the outer one).
      SELECT n, (SELECT string_agg(w[1 + floor(power(random(), 2) * array_length(w, 1))::int + 0 * g], ' ')
                 FROM generate_series(1, 3 + (n * 7) % 22) AS g) AS text
      FROM bench_words, generate_series(0, 4999) AS n;
    CREATE INDEX ON bench_sentences (n)`;
}

const postId = (seq: string, k: string) => id('post', `${seq} || '-' || ${k}`);

/**
 * Posts k = 1..n of each channel, evenly over the last year. Every sixth post is a reply to one
 * of the three root posts before it (k-1, k-7 or k-13 are never multiples of six, so roots),
 * which gives Mattermost's ~18 % replies; every eighth post has a reaction.
 */
export function postsSql(): string {
  const root = `k - 1 - 6 * least((k * 7) % 3, k / 6 - 1)`;
  return `
    INSERT INTO posts (id, create_at, update_at, user_id, channel_id, root_id, message, has_reactions)
    SELECT ${postId('ch.seq', 'k')}, ts, ts, m.user_id, ch.id,
           CASE WHEN k % 6 = 0 THEN ${postId('ch.seq', root)} ELSE '' END,
           s.text, k % 8 = 3
    FROM bench_ch ch
    CROSS JOIN LATERAL generate_series(1, ch.posts) AS k
    CROSS JOIN LATERAL (SELECT {now}::bigint - ${SEED_SPAN_MS} + (k::bigint * ${SEED_SPAN_MS - DAY}) / ch.posts AS ts) AS t
    JOIN bench_chm m ON m.channel_id = ch.id AND m.rn = 1 + ((k::bigint * 2654435761) % ch.members)
    JOIN bench_sentences s ON s.n = (k * 31 + ch.seq) % 5000`;
}

export function reactionsSql(): string {
  return `
    INSERT INTO reactions (post_id, user_id, emoji_name, channel_id, create_at)
    SELECT ${postId('ch.seq', 'k')}, m.user_id,
           (ARRAY['+1', 'smile', 'heart', 'tada', 'eyes', 'white_check_mark'])[1 + k % 6],
           ch.id, {now}::bigint - ${SEED_SPAN_MS} + (k::bigint * ${SEED_SPAN_MS - DAY}) / ch.posts + 60000
    FROM bench_ch ch
    CROSS JOIN LATERAL generate_series(3, ch.posts, 8) AS k
    JOIN bench_chm m ON m.channel_id = ch.id AND m.rn = 1 + ((k::bigint * 40503) % ch.members)`;
}

/** Collapsed-reply-thread rows: one per root with replies, followed by its root author and repliers. */
export function threadsSql(): string {
  return `
    INSERT INTO threads (post_id, channel_id, reply_count, last_reply_at, participants)
    SELECT root_id, channel_id, count(*), max(create_at), jsonb_agg(DISTINCT user_id)
    FROM posts WHERE root_id <> '' GROUP BY root_id, channel_id;
    INSERT INTO thread_memberships (post_id, user_id, following, last_viewed, last_updated)
    SELECT t.post_id, x.user_id, true, t.last_reply_at, t.last_reply_at
    FROM threads t
    JOIN (SELECT root_id AS post_id, user_id FROM posts WHERE root_id <> ''
          UNION SELECT p.id, p.user_id FROM posts p JOIN threads t2 ON t2.post_id = p.id) x
      ON x.post_id = t.post_id`;
}

/**
 * Channel counters from the posts, then member counters: four of five members have read
 * everything; the fifth has 1–4 unread posts (last_viewed_at just before them).
 */
export function countersSql(): string {
  return `
    UPDATE channels c SET total_msg_count = s.n, total_msg_count_root = s.nr,
                          last_post_at = s.last, last_root_post_at = s.lastroot
    FROM (SELECT channel_id, count(*) AS n, count(*) FILTER (WHERE root_id = '') AS nr,
                 max(create_at) AS last, coalesce(max(create_at) FILTER (WHERE root_id = ''), 0) AS lastroot
          FROM posts GROUP BY channel_id) s
    WHERE c.id = s.channel_id;
    CREATE TEMP TABLE bench_newest AS
      SELECT c.id AS channel_id, p.rn, p.create_at,
             count(*) FILTER (WHERE p.root_id = '') OVER (PARTITION BY c.id ORDER BY p.rn) AS roots_upto
      FROM channels c
      CROSS JOIN LATERAL (SELECT create_at, root_id, row_number() OVER (ORDER BY create_at DESC) AS rn
                          FROM posts WHERE channel_id = c.id ORDER BY create_at DESC LIMIT 5) p;
    CREATE INDEX ON bench_newest (channel_id, rn);
    UPDATE channel_members cm
    SET msg_count = x.total - x.unread,
        msg_count_root = x.total_root - coalesce(r.roots_upto, 0),
        last_viewed_at = CASE WHEN x.unread > 0 THEN coalesce(v.create_at, 0) ELSE x.last_post_at END
    FROM (SELECT m.channel_id, m.user_id, c.total_msg_count AS total, c.total_msg_count_root AS total_root,
                 c.last_post_at,
                 CASE WHEN abs(hashtext(m.user_id || m.channel_id)) % 5 = 0 AND c.total_msg_count > 5
                      THEN 1 + abs(hashtext(m.channel_id || m.user_id)) % 4 ELSE 0 END AS unread
          FROM channel_members m JOIN channels c ON c.id = m.channel_id) x
    LEFT JOIN bench_newest r ON r.channel_id = x.channel_id AND r.rn = x.unread
    LEFT JOIN bench_newest v ON v.channel_id = x.channel_id AND v.rn = x.unread + 1
    WHERE cm.channel_id = x.channel_id AND cm.user_id = x.user_id`;
}
