import { escapeHtml, type Mail } from '../../platform/mail/sender.ts';

/** The password-reset message, in text and HTML, with the link valid for one hour. */
export function resetMail(to: string, siteName: string, link: string): Mail {
  const subject = `[${siteName}] Reset your password`;
  const text = [
    'You requested a password reset.',
    '',
    `To choose a new password, open this link within the next hour: ${link}`,
    '',
    'If you did not ask for this, ignore this email; your password stays as it is.',
  ].join('\n');
  const html = `<!doctype html><html><body>
<p>You requested a password reset.</p>
<p><a href="${escapeHtml(link)}">Reset password</a> (the link works once, within the next hour).</p>
<p>If you did not ask for this, ignore this email; your password stays as it is.</p>
</body></html>`;
  return { to, subject, text, html };
}

export function testMail(to: string, siteName: string): Mail {
  return {
    to,
    subject: `[${siteName}] Test email`,
    text: 'It looks like your email settings are set up correctly.',
    html: '<!doctype html><html><body><p>It looks like your email settings are set up correctly.</p></body></html>',
  };
}
