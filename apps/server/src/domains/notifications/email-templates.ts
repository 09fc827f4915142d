import { escapeHtml, type Mail } from '../../platform/mail/sender.ts';
import { mailDate, mailTime } from './names.ts';

/**
 * Notification mails (Mattermost's notification email and batched digest), as text and HTML with
 * the site's name. "generic" contents (EmailNotificationContentsType) leave the message text out.
 */

export interface Branding {
  siteName: string;
  siteURL: string;
  settingsURL: string;
}

export interface MailedPost {
  senderName: string;
  channelName: string;
  /** D, G, O or P. */
  channelType: string;
  message: string;
  createAt: number;
  link: string;
}

function subjectFor(b: Branding, p: MailedPost, teamDisplay: string): string {
  const date = mailDate(p.createAt);
  if (p.channelType === 'D') return `[${b.siteName}] New Direct Message from @${p.senderName} on ${date}`;
  if (p.channelType === 'G') return `[${b.siteName}] New Group Message in ${p.channelName} on ${date}`;
  return `[${b.siteName}] Notification in ${teamDisplay} on ${date}`;
}

function headline(p: MailedPost): string {
  if (p.channelType === 'D') return `@${p.senderName} sent you a new message`;
  if (p.channelType === 'G') return `@${p.senderName} sent you a new message in ${p.channelName}`;
  return `@${p.senderName} mentioned you in ${p.channelName}`;
}

const FOOTER_TEXT = 'To change which notifications you receive by email, open your notification settings:';

function page(b: Branding, title: string, body: string): string {
  const site = escapeHtml(b.siteName);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#3f4350;background:#f4f4f6;margin:0;padding:24px">
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<tr><td><p style="font-size:14px;color:#1c58d9;font-weight:600;margin:0 0 16px">${site}</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>
${body}
<p style="font-size:12px;color:#72767e;margin-top:32px">${escapeHtml(FOOTER_TEXT)}
<a href="${escapeHtml(b.settingsURL)}">Notification settings</a> (unsubscribe).</p></td></tr></table></body></html>`;
}

function postHtml(p: MailedPost, generic: boolean): string {
  const text = generic
    ? ''
    : `<p style="font-size:15px;white-space:pre-wrap;margin:8px 0">${escapeHtml(p.message)}</p>`;
  return `<div style="border-left:3px solid #1c58d9;padding:4px 12px;margin:16px 0">
<p style="font-size:13px;color:#72767e;margin:0">@${escapeHtml(p.senderName)} · ${escapeHtml(p.channelName)} · ${escapeHtml(mailTime(p.createAt))}</p>
${text}<p style="margin:8px 0 0"><a href="${escapeHtml(p.link)}" style="color:#1c58d9">View Message</a></p></div>`;
}

function postText(p: MailedPost, generic: boolean): string {
  const lines = [`@${p.senderName} in ${p.channelName} at ${mailTime(p.createAt)}`];
  if (!generic) lines.push(p.message);
  lines.push(`View Message: ${p.link}`);
  return lines.join('\n');
}

function footerText(b: Branding): string {
  return `--\n${FOOTER_TEXT}\n${b.settingsURL}\n`;
}

/** One mail for one post (immediate delivery). */
export function immediateMail(
  b: Branding,
  to: string,
  p: MailedPost,
  opts: { teamDisplayName: string; generic: boolean },
): Mail {
  const title = headline(p);
  return {
    to,
    subject: subjectFor(b, p, opts.teamDisplayName),
    text: `${title}\n\n${postText(p, opts.generic)}\n\n${footerText(b)}`,
    html: page(b, title, postHtml(p, opts.generic)),
  };
}

/** A digest of several posts (email batching). */
export function digestMail(b: Branding, to: string, posts: readonly MailedPost[], generic: boolean): Mail {
  const count = posts.length;
  const title = count === 1 ? 'You have a new notification' : `You have ${count} new notifications`;
  const first = posts[0]?.createAt ?? Date.now();
  return {
    to,
    subject: `[${b.siteName}] New Notification${count === 1 ? '' : 's'} for ${mailDate(first)}`,
    text: `${title}\n\n${posts.map((p) => postText(p, generic)).join('\n\n')}\n\nOpen ${b.siteName}: ${b.siteURL}\n\n${footerText(b)}`,
    html: page(
      b,
      title,
      `${posts.map((p) => postHtml(p, generic)).join('\n')}
<p><a href="${escapeHtml(b.siteURL)}" style="color:#1c58d9">Open ${escapeHtml(b.siteName)}</a></p>`,
    ),
  };
}
