import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { Config } from '../../config/defaults.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type EmailSettings = Config['EmailSettings'];

/** Why a message could not be handed to the SMTP server (bad address, refused login, TLS, timeout). */
export class MailError extends Error {}

/**
 * Sends one message through the SMTP server of EmailSettings, as Mattermost does: ConnectionSecurity
 * "" (plain), "TLS" (implicit TLS) or "STARTTLS" (upgrade required), optional AUTH, and
 * From = FeedbackName <FeedbackEmail>. A transport per message keeps config changes effective at once.
 */
export async function sendMail(settings: EmailSettings, mail: Mail): Promise<void> {
  if (!settings.SMTPServer) throw new MailError('No SMTP server is configured (EmailSettings.SMTPServer).');
  const port = Number.parseInt(String(settings.SMTPPort), 10);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new MailError('EmailSettings.SMTPPort is invalid.');
  const security = settings.ConnectionSecurity;
  const timeout = Math.max(1, Number(settings.SMTPServerTimeout) || 10) * 1000;
  const transport = nodemailer.createTransport({
    host: settings.SMTPServer,
    port,
    secure: security === 'TLS',
    requireTLS: security === 'STARTTLS',
    // Without a security setting the connection stays plain even if the server offers STARTTLS.
    ignoreTLS: security !== 'TLS' && security !== 'STARTTLS',
    auth: settings.EnableSMTPAuth ? { user: settings.SMTPUsername, pass: settings.SMTPPassword } : undefined,
    tls: {
      rejectUnauthorized: !settings.SkipServerCertificateVerification,
      // SNI carries host names only; an address is checked against the certificate's IP entries.
      servername: isIP(settings.SMTPServer) ? undefined : settings.SMTPServer,
    },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  try {
    await transport.sendMail({
      from: { name: settings.FeedbackName || 'Parley', address: settings.FeedbackEmail },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
  } catch (err) {
    throw new MailError((err as Error).message, { cause: err });
  } finally {
    transport.close();
  }
}

/** Escapes text for the HTML body of a message. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
