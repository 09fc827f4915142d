import type { App } from '../../app.ts';
import { sendMail } from '../../platform/mail/sender.ts';
import { digestMail, immediateMail, type Branding, type MailedPost } from './email-templates.ts';
import { displayName, permalink, settingsLink } from './names.ts';
import { eachLimited } from './limit.ts';
import * as store from './store.ts';

/**
 * Notification emails: at once, or (EmailSettings.EnableEmailBatching) queued in PostgreSQL and
 * mailed as a digest per user by the timer in worker.ts, so a restart loses nothing.
 */

/** Mattermost's preference (category "notifications", name "email_interval"), in seconds. */
export const EMAIL_INTERVAL_PREF = { category: 'notifications', name: 'email_interval' } as const;
/** "30" is what clients save for "immediately". */
const IMMEDIATE_SECONDS = 30;
/** With batching on and no preference saved, digests come every fifteen minutes, as upstream. */
const DEFAULT_BATCH_SECONDS = 900;
/** Users handled per timer tick; the rest wait for the next one. */
const USERS_PER_TICK = 50;
/** SMTP connections open at once for one post's mails. */
const MAIL_CONCURRENCY = 4;
/** A digest that keeps failing (bad address, SMTP down) is dropped after a day. */
const GIVE_UP_MS = 24 * 60 * 60 * 1000;

export function branding(app: App): Branding {
  const c = app.config.get();
  return {
    siteName: c.TeamSettings.SiteName || 'Parley',
    siteURL: c.ServiceSettings.SiteURL,
    settingsURL: settingsLink(c.ServiceSettings.SiteURL),
  };
}

const isGeneric = (app: App) => app.config.get().EmailSettings.EmailNotificationContentsType === 'generic';

export interface EmailJob {
  /** The recipients the rules chose, with their addresses. */
  recipients: { userId: string; email: string }[];
  post: { id: string; createAt: number };
  mailed: Omit<MailedPost, 'link'>;
  /** The channel's team, or none for DMs/GMs (then each recipient's first team names the link). */
  team: { name: string; display_name: string } | undefined;
}

export function intervalSeconds(pref: string | undefined): number {
  const n = Number.parseInt(pref ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_BATCH_SECONDS;
}

/** Mails or queues one post for each chosen recipient. */
export async function emailPost(app: App, job: EmailJob): Promise<void> {
  if (job.recipients.length === 0) return;
  const settings = app.config.get().EmailSettings;
  const ids = job.recipients.map((r) => r.userId);
  const [teams, prefs] = await Promise.all([
    job.team ? undefined : store.firstTeamNames(app.db, ids),
    settings.EnableEmailBatching
      ? store.preferenceValues(app.db, ids, EMAIL_INTERVAL_PREF.category, EMAIL_INTERVAL_PREF.name)
      : undefined,
  ]);
  const teamOf = (userId: string) => job.team?.name ?? teams?.get(userId) ?? '';
  // Batched users (all but those who chose "immediately") are queued in one statement.
  const queued = prefs
    ? await store.enqueueEmails(
        app.db,
        job.recipients
          .filter((r) => intervalSeconds(prefs.get(r.userId)) !== IMMEDIATE_SECONDS)
          .map((r) => ({ userId: r.userId, teamName: teamOf(r.userId) })),
        job.post,
        Math.max(1, settings.EmailBatchingBufferSize),
      )
    : new Set<string>();
  const now = job.recipients.filter((r) => !queued.has(r.userId));
  await eachLimited(now, MAIL_CONCURRENCY, async (r) => {
    const teamName = teamOf(r.userId);
    const mailed = { ...job.mailed, link: permalink(branding(app).siteURL, teamName, job.post.id) };
    try {
      await sendMail(
        settings,
        immediateMail(branding(app), r.email, mailed, {
          teamDisplayName: job.team?.display_name ?? teamName,
          generic: isGeneric(app),
        }),
      );
    } catch (err) {
      app.log.warn({ err, userId: r.userId, postId: job.post.id }, 'notification email failed');
    }
  });
}

/** One timer tick: mails the digests that are due. */
export async function sendDueDigests(app: App, now = Date.now()): Promise<void> {
  const settings = app.config.get().EmailSettings;
  const users = await store.listQueuedUsers(app.db, USERS_PER_TICK);
  if (users.length === 0) return;
  const prefs = await store.preferenceValues(
    app.db,
    users.map((u) => u.user_id),
    EMAIL_INTERVAL_PREF.category,
    EMAIL_INTERVAL_PREF.name,
  );
  for (const u of users) {
    // With batching turned off since, what is queued goes out now.
    const wait = settings.EnableEmailBatching ? intervalSeconds(prefs.get(u.user_id)) * 1000 : 0;
    if (now - u.first_at < wait) continue;
    try {
      await sendDigest(app, u.user_id, u.first_at);
    } catch (err) {
      app.log.warn({ err, userId: u.user_id }, 'notification digest failed');
      if (now - u.first_at > GIVE_UP_MS) await store.deleteQueuedFor(app.db, u.user_id);
    }
  }
}

async function sendDigest(app: App, userId: string, firstAt: number): Promise<void> {
  const settings = app.config.get().EmailSettings;
  // Someone who opened a channel since has seen the messages: the digest would be old news.
  const [seen, user] = await Promise.all([
    store.viewedSince(app.db, userId, firstAt),
    store.findUserEmail(app.db, userId),
  ]);
  if (seen || !user || user.delete_at > 0) {
    await store.deleteQueuedFor(app.db, userId);
    return;
  }
  const queued = await store.listQueuedFor(app.db, userId, Math.max(1, settings.EmailBatchingBufferSize));
  const rows = await store.digestPosts(
    app.db,
    queued.map((q) => q.post_id),
  );
  const teamOf = new Map(queued.map((q) => [q.post_id, q.team_name]));
  const nameFormat = app.config.get().TeamSettings.TeammateNameDisplay;
  const b = branding(app);
  const posts: MailedPost[] = rows
    .filter((r) => r.delete_at === 0)
    .map((r) => {
      const senderName = displayName(
        {
          username: r.sender_username,
          first_name: r.sender_first_name,
          last_name: r.sender_last_name,
          nickname: r.sender_nickname,
        },
        nameFormat,
      );
      return {
        senderName,
        channelName: r.channel_type === 'D' ? senderName : r.channel_display_name,
        channelType: r.channel_type,
        message: r.message,
        createAt: Number(r.create_at),
        link: permalink(b.siteURL, teamOf.get(r.id) ?? '', r.id),
      };
    });
  if (posts.length > 0) await sendMail(settings, digestMail(b, user.email, posts, isGeneric(app)));
  // Sent (or nothing left to say): only now are the entries gone, so a crash before this resends.
  await store.deleteQueued(
    app.db,
    queued.map((q) => q.id),
  );
}
