import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientError, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';
import { startSmtpPeer } from './smtp-peer.ts';

const SITE = 'http://chat.example.test';

describe('guest accounts', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let server: TestServer;
  let admin: LoggedIn;
  let member: LoggedIn;
  let stranger: LoggedIn;
  let teamId: string;
  let guestChannel: string;
  let otherChannel: string;

  before(async () => {
    smtp = await startSmtpPeer();
    server = await startTestServer({
      ServiceSettings: { SiteURL: SITE, EnableEmailInvitations: true },
      EmailSettings: {
        SMTPServer: '127.0.0.1',
        SMTPPort: String(smtp.port),
        FeedbackEmail: 'noreply@parley.test',
      },
      GuestAccountsSettings: { Enable: true, RestrictCreationToDomains: 'partner.test' },
    });
    admin = await server.newUser({ username: 'admin' });
    member = await server.userByAdmin(admin.client);
    stranger = await server.userByAdmin(admin.client);
    const team = await admin.client.createTeam({
      name: unique('t'),
      display_name: 'Guests Team',
      type: 'O',
    } as never);
    teamId = team.id;
    await admin.client.addToTeam(teamId, member.user.id);
    await admin.client.addToTeam(teamId, stranger.user.id);
    const mk = async (name: string) =>
      (
        await admin.client.createChannel({
          team_id: teamId,
          name: unique(name),
          display_name: name,
          type: 'O',
        } as never)
      ).id;
    guestChannel = await mk('shared');
    otherChannel = await mk('other');
    await admin.client.addToChannel(member.user.id, guestChannel);
  });
  after(async () => {
    await server.close();
    await smtp.close();
  });

  /** Invites `email` as admin and returns the sign-up token from the link in the mail. */
  async function invite(email: string, channels = [guestChannel]): Promise<string> {
    await admin.client.sendEmailGuestInvitesToChannels(teamId, channels, [email], 'Welcome aboard');
    const { mail } = await smtp.waitFor(email);
    const text = mail.text ?? '';
    assert.match(mail.subject ?? '', /as a guest/);
    assert.ok(text.includes('Welcome aboard'));
    const match = /signup_user_complete\/\?d=[^&\s]+&t=([A-Za-z0-9_%-]+)/.exec(text);
    assert.ok(match, text);
    assert.ok(text.includes(`${SITE}/signup_user_complete/`));
    return decodeURIComponent(match[1]);
  }

  async function signUpGuest(email: string, channels?: string[]): Promise<LoggedIn> {
    const token = await invite(email, channels);
    const username = unique('guest');
    const created = await server
      .client()
      .createUser(
        { username, email: 'ignored@elsewhere.test', password: 'password-123' } as never,
        token,
        '',
      );
    assert.equal(created.email, email, 'the address is the invited one');
    const c = server.client();
    const user = await c.login(username, 'password-123');
    return { client: c, user, password: 'password-123', token: c.getToken() };
  }

  test('an invited guest signs up from the mailed link: guest role, team guest, exactly the invited channels', async () => {
    const guest = await signUpGuest(`${unique('g')}@partner.test`);
    assert.equal(guest.user.roles, 'system_guest');
    const tm = await admin.client.getTeamMember(teamId, guest.user.id);
    assert.equal(tm.scheme_guest, true);
    assert.equal(tm.scheme_user, false);
    const cm = (await admin.client.getChannelMember(guestChannel, guest.user.id)) as unknown as {
      scheme_guest: boolean;
    };
    assert.equal(cm.scheme_guest, true);
    const mine = await guest.client.getMyChannels(teamId);
    assert.deepEqual(
      mine.map((c) => c.id),
      [guestChannel],
      'no town square, no other channel',
    );
  });

  test('the link works once; a made-up token is refused', async () => {
    const email = `${unique('g')}@partner.test`;
    const token = await invite(email);
    await server
      .client()
      .createUser({ username: unique('guest'), email, password: 'password-123' } as never, token, '');
    const again = await clientError(() =>
      server
        .client()
        .createUser({ username: unique('guest'), email, password: 'password-123' } as never, token, ''),
    );
    assert.equal(again.status_code, 400);
    assert.equal(again.server_error_id, 'api.user.create_user.signup_link_invalid.app_error');
    const bogus = await clientError(() =>
      server
        .client()
        .createUser(
          { username: unique('guest'), email, password: 'password-123' } as never,
          'x'.repeat(64),
          '',
        ),
    );
    assert.equal(bogus.status_code, 400);
  });

  test('a refused password does not spend the invitation', async () => {
    const email = `${unique('g')}@partner.test`;
    const token = await invite(email);
    const weak = await clientError(() =>
      server.client().createUser({ username: unique('guest'), email, password: 'x' } as never, token, ''),
    );
    assert.equal(weak.status_code, 400);
    const ok = await server
      .client()
      .createUser({ username: unique('guest'), email, password: 'password-123' } as never, token, '');
    assert.equal(ok.roles, 'system_guest');
  });

  test('invitations are refused: no permission, other team channel, bad body, outside domains', async () => {
    const forbidden = await clientError(() =>
      member.client.sendEmailGuestInvitesToChannels(teamId, [guestChannel], ['a@partner.test'], ''),
    );
    assert.equal(forbidden.status_code, 403);

    const otherTeam = await admin.client.createTeam({
      name: unique('t'),
      display_name: 'Other',
      type: 'O',
    } as never);
    const wrongTeam = await clientError(() =>
      admin.client.sendEmailGuestInvitesToChannels(otherTeam.id, [guestChannel], ['a@partner.test'], ''),
    );
    assert.equal(wrongTeam.status_code, 400);
    assert.equal(wrongTeam.server_error_id, 'api.team.invite_guests.channel_in_invalid_team.app_error');

    const noEmails = await clientError(() =>
      admin.client.sendEmailGuestInvitesToChannels(teamId, [guestChannel], [], ''),
    );
    assert.equal(noEmails.server_error_id, 'model.guest.is_valid.emails.app_error');
    const badEmail = await clientError(() =>
      admin.client.sendEmailGuestInvitesToChannels(teamId, [guestChannel], ['not-an-address'], ''),
    );
    assert.equal(badEmail.server_error_id, 'model.guest.is_valid.email.app_error');
    const noChannels = await clientError(() =>
      admin.client.sendEmailGuestInvitesToChannels(teamId, [], ['a@partner.test'], ''),
    );
    assert.equal(noChannels.server_error_id, 'model.guest.is_valid.channels.app_error');

    const outside = await clientError(() =>
      admin.client.sendEmailGuestInvitesToChannels(teamId, [guestChannel], ['someone@elsewhere.test'], ''),
    );
    assert.equal(outside.status_code, 400);
    assert.equal(outside.server_error_id, 'api.team.invite_members.invalid_email.app_error');

    const graceful = await admin.client.sendEmailGuestInvitesToChannelsGracefully(
      teamId,
      [guestChannel],
      ['someone@elsewhere.test', `${unique('g')}@partner.test`],
      '',
    );
    assert.equal(graceful.length, 2);
    assert.equal(
      (graceful[0].error as unknown as { id: string }).id,
      'api.team.invite_members.invalid_email.app_error',
    );
    assert.equal(graceful[1].error, null);
  });

  test('a guest sees only the people they share a channel with', async () => {
    const guest = await signUpGuest(`${unique('g')}@partner.test`);
    const listed = new Set((await guest.client.getProfiles(0, 200)).map((u) => u.id));
    for (const id of [admin.user.id, member.user.id, guest.user.id]) assert.ok(listed.has(id));
    assert.ok(!listed.has(stranger.user.id), 'the stranger shares no channel with the guest');

    assert.equal((await guest.client.getUser(member.user.id)).id, member.user.id);
    const hidden = await clientError(() => guest.client.getUser(stranger.user.id));
    assert.equal(hidden.status_code, 403);
    const byName = await clientError(() => guest.client.getUserByUsername(stranger.user.username));
    assert.equal(byName.status_code, 403);

    const byIds = await guest.client.getProfilesByIds([member.user.id, stranger.user.id]);
    assert.deepEqual(
      byIds.map((u) => u.id),
      [member.user.id],
    );
    const byNames = await guest.client.getProfilesByUsernames([stranger.user.username]);
    assert.deepEqual(byNames, []);
    const search = await guest.client.searchUsers(stranger.user.username, {});
    assert.deepEqual(search, []);
    const auto = await guest.client.autocompleteUsers(stranger.user.username, '', '');
    assert.deepEqual(auto.users, []);

    // Ordinary users are not restricted.
    assert.equal((await member.client.getUser(stranger.user.id)).id, stranger.user.id);
  });

  test('a guest may DM a channel-mate but not a stranger, and cannot create channels or join others', async () => {
    const guest = await signUpGuest(`${unique('g')}@partner.test`);
    const dm = await guest.client.createDirectChannel([guest.user.id, member.user.id]);
    assert.equal(dm.type, 'D');
    const refused = await clientError(() =>
      guest.client.createDirectChannel([guest.user.id, stranger.user.id]),
    );
    assert.equal(refused.status_code, 403);
    const gm = await clientError(() =>
      guest.client.createGroupChannel([guest.user.id, member.user.id, stranger.user.id]),
    );
    assert.equal(gm.status_code, 403);

    const create = await clientError(() =>
      guest.client.createChannel({
        team_id: teamId,
        name: unique('c'),
        display_name: 'x',
        type: 'O',
      } as never),
    );
    assert.equal(create.status_code, 403);
    const join = await clientError(() => guest.client.addToChannel(guest.user.id, otherChannel));
    assert.equal(join.status_code, 403);
    const team = await clientError(() =>
      guest.client.createTeam({ name: unique('t'), display_name: 'x', type: 'O' } as never),
    );
    assert.equal(team.status_code, 403);
  });

  test('promote turns a guest into a user at once (open session included); demote turns them back', async () => {
    const guest = await signUpGuest(`${unique('g')}@partner.test`);
    const notAllowed = await clientError(() => member.client.promoteGuestToUser(guest.user.id));
    assert.equal(notAllowed.status_code, 403);

    assert.deepEqual(await admin.client.promoteGuestToUser(guest.user.id), { status: 'OK' });
    const me = await guest.client.getMe();
    assert.equal(me.roles, 'system_user');
    assert.equal((await admin.client.getTeamMember(teamId, guest.user.id)).scheme_user, true);
    assert.equal(
      (
        (await admin.client.getChannelMember(guestChannel, guest.user.id)) as unknown as {
          scheme_guest: boolean;
        }
      ).scheme_guest,
      false,
    );
    const created = await guest.client.createChannel({
      team_id: teamId,
      name: unique('c'),
      display_name: 'Promoted',
      type: 'O',
    } as never);
    assert.equal(created.display_name, 'Promoted');
    assert.equal((await guest.client.getUser(stranger.user.id)).id, stranger.user.id);

    const twice = await clientError(() => admin.client.promoteGuestToUser(guest.user.id));
    assert.equal(twice.status_code, 501);
    assert.equal(twice.server_error_id, 'api.user.promote_guest_to_user.no_guest.app_error');

    assert.deepEqual(await admin.client.demoteUserToGuest(guest.user.id), { status: 'OK' });
    assert.equal((await guest.client.getMe()).roles, 'system_guest');
    assert.equal((await admin.client.getTeamMember(teamId, guest.user.id)).scheme_guest, true);
    const cannot = await clientError(() =>
      guest.client.createChannel({
        team_id: teamId,
        name: unique('c'),
        display_name: 'x',
        type: 'O',
      } as never),
    );
    assert.equal(cannot.status_code, 403);
    const already = await clientError(() => admin.client.demoteUserToGuest(guest.user.id));
    assert.equal(already.status_code, 501);
    assert.equal(already.server_error_id, 'api.user.demote_user_to_guest.already_guest.app_error');
  });

  test('demote refusals: no permission, unknown user, bad id', async () => {
    const denied = await clientError(() => member.client.demoteUserToGuest(stranger.user.id));
    assert.equal(denied.status_code, 403);
    const missing = await clientError(() => admin.client.demoteUserToGuest('a'.repeat(26)));
    assert.equal(missing.status_code, 404);
    const bad = await clientError(() => admin.client.demoteUserToGuest('nope'));
    assert.equal(bad.status_code, 400);
  });

  test('turning guest accounts off deactivates guests, ends their sessions and refuses invitations', async () => {
    const guest = await signUpGuest(`${unique('g')}@partner.test`);
    await admin.client.patchConfig({ GuestAccountsSettings: { Enable: false } } as never);
    try {
      const deadline = Date.now() + 5000;
      for (;;) {
        const u = await admin.client.getUser(guest.user.id);
        if (u.delete_at > 0) break;
        if (Date.now() > deadline) throw new Error('guest not deactivated');
        await new Promise((r) => setTimeout(r, 50));
      }
      const gone = await clientError(() => guest.client.getMe());
      assert.equal(gone.status_code, 401);
      const login = await clientError(() => server.client().login(guest.user.username, guest.password));
      assert.equal(login.status_code, 401);

      const invite = await clientError(() =>
        admin.client.sendEmailGuestInvitesToChannels(teamId, [guestChannel], ['x@partner.test'], ''),
      );
      assert.equal(invite.status_code, 501);
      assert.equal(invite.server_error_id, 'api.team.invite_guests_to_channels.disabled.error');
      const demote = await clientError(() => admin.client.demoteUserToGuest(member.user.id));
      assert.equal(demote.status_code, 501);
    } finally {
      await admin.client.patchConfig({ GuestAccountsSettings: { Enable: true } } as never);
    }
  });

  test('with guest accounts off an (active) guest cannot log in', async () => {
    const guest = await signUpGuest(`${unique('g')}@partner.test`);
    await admin.client.patchConfig({ GuestAccountsSettings: { Enable: false } } as never);
    try {
      // Reactivated by an admin while guests are still off: the login itself is refused.
      const deadline = Date.now() + 5000;
      while ((await admin.client.getUser(guest.user.id)).delete_at === 0) {
        if (Date.now() > deadline) throw new Error('guest not deactivated');
        await new Promise((r) => setTimeout(r, 50));
      }
      await admin.client.updateUserActive(guest.user.id, true);
      const c = server.client();
      const err = await clientError(() => c.login(guest.user.username, guest.password));
      assert.equal(err.status_code, 401);
      assert.equal(err.server_error_id, 'api.user.login.guest_accounts.disabled.error');
    } finally {
      await admin.client.patchConfig({ GuestAccountsSettings: { Enable: true } } as never);
    }
  });
});
