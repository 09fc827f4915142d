import { escapeHtml, type Mail } from '../../platform/mail/sender.ts';

export interface GuestInviteMailInput {
  to: string;
  siteName: string;
  senderName: string;
  teamName: string;
  channelNames: string[];
  message: string;
  link: string;
}

/** The guest invitation, in text and HTML; the link works once, within 48 hours. */
export function guestInviteMail(m: GuestInviteMailInput): Mail {
  const subject = `[${m.siteName}] ${m.senderName} invited you to join ${m.teamName} as a guest`;
  const channels = m.channelNames.join(', ');
  const text = [
    `${m.senderName} invited you to join the team ${m.teamName} as a guest, in: ${channels}.`,
    ...(m.message ? ['', m.message] : []),
    '',
    `To create your guest account, open this link within 48 hours: ${m.link}`,
  ].join('\n');
  const html = `<!doctype html><html><body>
<p>${escapeHtml(m.senderName)} invited you to join the team <b>${escapeHtml(m.teamName)}</b> as a guest, in: ${escapeHtml(channels)}.</p>
${m.message ? `<blockquote>${escapeHtml(m.message)}</blockquote>` : ''}
<p><a href="${escapeHtml(m.link)}">Join ${escapeHtml(m.teamName)}</a> (the link works once, within 48 hours).</p>
</body></html>`;
  return { to: m.to, subject, text, html };
}
