import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import bcrypt from 'bcryptjs';
import { clientError, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { startSmtpPeer } from './smtp-peer.ts';

const SITE = 'http://chat.example.test';

describe('password reset by email and password hashes', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let server: TestServer;
  let admin: LoggedIn;
  let db: pg.Client;
  before(async () => {
    smtp = await startSmtpPeer();
    server = await startTestServer({
      ServiceSettings: { SiteURL: SITE },
      EmailSettings: {
        SMTPServer: '127.0.0.1',
        SMTPPort: String(smtp.port),
        FeedbackName: 'Parley Test',
        FeedbackEmail: 'noreply@parley.test',
      },
    });
    admin = await server.newUser({ username: 'admin' });
    db = new pg.Client({ connectionString: server.dataSource });
    await db.connect();
  });
  after(async () => {
    await db.end();
    await server.close();
    await smtp.close();
  });

  /** Asks for a reset mail and returns the token from the link it carries. */
  async function resetToken(email: string): Promise<{ token: string; text: string; html: string }> {
    const before = smtp.received.length;
    assert.deepEqual(await server.client().sendPasswordResetEmail(email), { status: 'OK' });
    const deadline = Date.now() + 5000;
    while (!smtp.received.slice(before).some((r) => r.to.includes(email))) {
      if (Date.now() > deadline) throw new Error('reset mail did not arrive');
      await new Promise((r) => setTimeout(r, 50));
    }
    const { mail } = smtp.received.slice(before).find((r) => r.to.includes(email))!;
    const text = mail.text ?? '';
    const match = /reset_password_complete\?token=([A-Za-z0-9_-]+)/.exec(text);
    assert.ok(match, text);
    return {
      token: decodeURIComponent(match[1]),
      text,
      html: typeof mail.html === 'string' ? mail.html : '',
    };
  }

  test('the reset mail goes through SMTP with a one-time link; the new password works, sessions end', async () => {
    const u = await server.userByAdmin(admin.client);
    const { token, text, html } = await resetToken(u.user.email);
    assert.equal(token.length, 64);
    assert.ok(text.includes(`${SITE}/reset_password_complete?token=`));
    assert.ok(html.includes(`${SITE}/reset_password_complete?token=`));
    const mail = smtp.received.find((r) => r.to.includes(u.user.email))!.mail;
    assert.equal(mail.from?.value[0].address, 'noreply@parley.test');
    assert.equal(mail.from?.value[0].name, 'Parley Test');
    assert.match(mail.subject ?? '', /Reset your password/);

    await server.client().resetUserPassword(token, 'brand-new-pass-1');
    // Every session of the user ended (TerminateSessionsOnPasswordChange).
    const gone = await clientError(() => u.client.getMe());
    assert.equal(gone.status_code, 401);
    await server.client().login(u.user.username, 'brand-new-pass-1');
    const old = await clientError(() => server.client().login(u.user.username, u.password));
    assert.equal(old.status_code, 401);

    const trail = await admin.client.getUserAudits(u.user.id, 0, 50);
    assert.ok(trail.some((a) => a.action === 'password_reset' && a.ip_address === '127.0.0.1'));

    const reused = await clientError(() => server.client().resetUserPassword(token, 'another-pass-22'));
    assert.equal(reused.status_code, 400);
    assert.equal(reused.server_error_id, 'api.user.reset_password.invalid_link.app_error');
  });

  test('an unknown address gets the same answer and no mail', async () => {
    const unknown = `${unique('ghost')}@example.com`;
    assert.deepEqual(await server.client().sendPasswordResetEmail(unknown), { status: 'OK' });
    const u = await server.userByAdmin(admin.client);
    await resetToken(u.user.email);
    assert.equal(smtp.received.filter((r) => r.to.includes(unknown)).length, 0);
    const empty = await clientError(() => server.client().sendPasswordResetEmail(''));
    assert.equal(empty.status_code, 400);
  });

  test('links expire after an hour, malformed tokens are refused, a weak password spends nothing', async () => {
    const u = await server.userByAdmin(admin.client);
    const first = await resetToken(u.user.email);
    const weak = await clientError(() => server.client().resetUserPassword(first.token, 'x'));
    assert.equal(weak.status_code, 400);
    assert.equal(weak.server_error_id, 'model.user.is_valid.pwd.app_error');
    // The token survived the refused password; now age it past the hour.
    await db.query('UPDATE tokens SET create_at = create_at - 3600001 WHERE user_id = $1', [u.user.id]);
    const expired = await clientError(() => server.client().resetUserPassword(first.token, 'valid-pass-123'));
    assert.equal(expired.server_error_id, 'api.user.reset_password.link_expired.app_error');

    const short = await clientError(() => server.client().resetUserPassword('abc', 'valid-pass-123'));
    assert.equal(short.status_code, 400);
    const unknown = await clientError(() =>
      server.client().resetUserPassword('a'.repeat(64), 'valid-pass-123'),
    );
    assert.equal(unknown.server_error_id, 'api.user.reset_password.invalid_link.app_error');

    // A newer mail makes the older link useless.
    const second = await resetToken(u.user.email);
    const third = await resetToken(u.user.email);
    const stale = await clientError(() => server.client().resetUserPassword(second.token, 'valid-pass-123'));
    assert.equal(stale.server_error_id, 'api.user.reset_password.invalid_link.app_error');
    await server.client().resetUserPassword(third.token, 'valid-pass-123');
  });

  test('a reset unlocks an account locked by failed attempts', async () => {
    const u = await server.userByAdmin(admin.client);
    await db.query('UPDATE users SET failed_attempts = 10 WHERE id = $1', [u.user.id]);
    const locked = await clientError(() => server.client().login(u.user.username, u.password));
    assert.equal(locked.server_error_id, 'api.user.check_user_login_attempts.too_many.app_error');
    const { token } = await resetToken(u.user.email);
    await server.client().resetUserPassword(token, 'unlocked-pass-1');
    await server.client().login(u.user.username, 'unlocked-pass-1');
  });

  test('EnableForgotLink off refuses both steps', async () => {
    const u = await server.userByAdmin(admin.client);
    await admin.client.patchConfig({ PasswordSettings: { EnableForgotLink: false } } as never);
    try {
      const send = await clientError(() => server.client().sendPasswordResetEmail(u.user.email));
      assert.equal(send.status_code, 403);
      const reset = await clientError(() =>
        server.client().resetUserPassword('a'.repeat(64), 'valid-pass-123'),
      );
      assert.equal(reset.status_code, 403);
    } finally {
      await admin.client.patchConfig({ PasswordSettings: { EnableForgotLink: true } } as never);
    }
  });

  test('a bcrypt hash from Mattermost logs in and is replaced by PBKDF2', async () => {
    const u = await server.userByAdmin(admin.client);
    for (const prefix of ['$2a$', '$2b$']) {
      const hash = prefix + (await bcrypt.hash('mattermost-pass-1', 4)).slice(4);
      await db.query('UPDATE users SET password = $1 WHERE id = $2', [hash, u.user.id]);
      const wrong = await clientError(() => server.client().login(u.user.username, 'not-the-pass'));
      assert.equal(wrong.status_code, 401);
      const stillBcrypt = await db.query('SELECT password FROM users WHERE id = $1', [u.user.id]);
      assert.equal(stillBcrypt.rows[0].password, hash);
      await server.client().login(u.user.username, 'mattermost-pass-1');
      const upgraded = await db.query('SELECT password FROM users WHERE id = $1', [u.user.id]);
      assert.match(upgraded.rows[0].password, /^\$pbkdf2\$f=SHA256,w=1000,l=32\$/);
      await server.client().login(u.user.username, 'mattermost-pass-1');
    }
  });

  test('POST /email/test sends to the admin, and reports SMTP failures with Mattermost ids', async () => {
    assert.deepEqual(await admin.client.testEmail(), { status: 'OK' });
    const got = await smtp.waitFor(admin.user.email);
    assert.match(got.mail.subject ?? '', /Test email/);

    const u = await server.userByAdmin(admin.client);
    const refused = await clientError(() => u.client.testEmail());
    assert.equal(refused.status_code, 403);

    const noServer = await clientError(() =>
      admin.client.testEmail({ EmailSettings: { SMTPServer: '' } } as never),
    );
    assert.equal(noServer.status_code, 400);
    assert.equal(noServer.server_error_id, 'api.admin.test_email.missing_server');

    // A closed port: the SMTP failure is a clear error, not a hang.
    const closed = await startSmtpPeer();
    await closed.close();
    const down = await clientError(() =>
      admin.client.testEmail({ EmailSettings: { SMTPPort: String(closed.port) } } as never),
    );
    assert.equal(down.status_code, 500);
    assert.equal(down.server_error_id, 'app.admin.test_email.failure');
  });

  test('STARTTLS with SMTP AUTH, and certificate checking unless told to skip it', async () => {
    const secure = await startSmtpPeer({ auth: { user: 'mailer', pass: 'mail-secret' } });
    try {
      const settings = {
        SMTPServer: '127.0.0.1',
        SMTPPort: String(secure.port),
        ConnectionSecurity: 'STARTTLS',
        EnableSMTPAuth: true,
        SMTPUsername: 'mailer',
        SMTPPassword: 'mail-secret',
        SkipServerCertificateVerification: true,
      };
      await admin.client.testEmail({ EmailSettings: settings } as never);
      await secure.waitFor(admin.user.email);

      const untrusted = await clientError(() =>
        admin.client.testEmail({
          EmailSettings: { ...settings, SkipServerCertificateVerification: false },
        } as never),
      );
      assert.equal(untrusted.server_error_id, 'app.admin.test_email.failure');
      const badLogin = await clientError(() =>
        admin.client.testEmail({ EmailSettings: { ...settings, SMTPPassword: 'wrong' } } as never),
      );
      assert.equal(badLogin.server_error_id, 'app.admin.test_email.failure');
    } finally {
      await secure.close();
    }
  });
});
