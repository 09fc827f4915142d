import { randomBytes } from 'node:crypto';
import type { App, Session } from '../../app.ts';
import { AppError, badRequest, forbidden, notFound, notImplemented } from '../../errors/app-error.ts';
import { requireTeamPermission } from '../../permissions/authorize.ts';
import { isValidId } from '../../platform/ids.ts';
import { sendMail } from '../../platform/mail/sender.ts';
import { hashToken } from '../sessions/service.ts';
import { addUserToTeam } from '../teams/join.ts';
import { createUser, type NewUserInput } from '../users/service.ts';
import { emailDomainAllowed, emailProblem } from '../users/policy.ts';
import * as users from '../users/store.ts';
import type * as userStore from '../users/store.ts';
import { guestInviteMail } from './email.ts';
import { guestSettings } from './settings.ts';
import * as store from './store.ts';

export const GUEST_INVITATION = 'guest_invitation';
/** Mattermost's InvitationExpiryTime. */
export const INVITATION_EXPIRY_MS = 48 * 60 * 60 * 1000;
/** Mattermost's token size: 64 random characters. */
const TOKEN_LENGTH = 64;
/** Bounds one request: every address costs a token row and a mail. */
const MAX_EMAILS = 100;
const MAX_CHANNELS = 100;
const MAX_MESSAGE = 4000;

/** Mattermost's EmailInviteWithError, the answer of graceful mode. */
export interface InviteResult {
  email: string;
  error: { id: string; message: string; status_code: number } | null;
}

export interface GuestsInvite {
  emails: string[];
  channels: string[];
  message: string;
}

const invalid = (what: string, message: string) =>
  badRequest(`model.guest.is_valid.${what}.app_error`, message);

/** Mattermost's GuestsInvite.IsValid, with addresses lower-cased as api4 does. */
export function parseGuestsInvite(body: unknown): GuestsInvite {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest(
      'api.team.invite_guests_to_channels.invalid_body.app_error',
      'The guest invitation is not valid JSON.',
    );
  const b = body as Record<string, unknown>;
  const emails = b.emails;
  if (!Array.isArray(emails) || emails.length === 0) throw invalid('emails', 'Invalid emails.');
  if (emails.length > MAX_EMAILS) throw invalid('emails', `At most ${MAX_EMAILS} addresses per invitation.`);
  if (emails.some((e) => typeof e !== 'string' || emailProblem(e.trim().toLowerCase())))
    throw invalid('email', 'Invalid email.');
  const channels = b.channels;
  if (!Array.isArray(channels) || channels.length === 0) throw invalid('channels', 'Invalid channels.');
  if (channels.length > MAX_CHANNELS || channels.some((c) => typeof c !== 'string' || !isValidId(c)))
    throw invalid('channel', 'Invalid channel.');
  if (b.message !== undefined && b.message !== null && typeof b.message !== 'string')
    throw badRequest('api.team.invite_guests_to_channels.invalid_body.app_error', 'Invalid message.');
  const message = typeof b.message === 'string' ? b.message.slice(0, MAX_MESSAGE) : '';
  return {
    emails: [...new Set((emails as string[]).map((e) => e.trim().toLowerCase()))],
    channels: [...new Set(channels as string[])],
    message,
  };
}

/**
 * POST /teams/{team_id}/invite-guests/email (Mattermost's inviteGuestsToChannels): guest accounts
 * and e-mail invitations must be on, the caller needs invite_guest in the team, every channel must
 * be a live channel of that team and every address in GuestAccountsSettings.RestrictCreationToDomains.
 * Each address gets its own single-use sign-up link; mails go out after the answer.
 */
export async function inviteGuests(
  app: App,
  session: Session,
  teamId: string,
  body: unknown,
  siteUrl: string,
  graceful = false,
): Promise<InviteResult[]> {
  const config = app.config.get();
  if (!guestSettings(app).Enable)
    throw notImplemented(
      'api.team.invite_guests_to_channels.disabled.error',
      'Guest accounts are disabled on this server.',
    );
  await requireTeamPermission(app, session, teamId, 'invite_guest');
  const invite = parseGuestsInvite(body);
  if (!config.ServiceSettings.EnableEmailInvitations)
    throw notImplemented('api.team.invite_members.disabled.app_error', 'Email invitations are disabled.');
  const team = await store.findLiveTeam(app.db, teamId);
  if (!team) throw notFound('app.team.get.find.app_error', 'Unable to find the existing team.');
  const channels = await store.findChannels(app.db, invite.channels);
  if (
    channels.length !== invite.channels.length ||
    channels.some((c) => c.team_id !== teamId || c.delete_at > 0 || (c.type !== 'O' && c.type !== 'P'))
  )
    throw badRequest(
      'api.team.invite_guests.channel_in_invalid_team.app_error',
      'The channels of the invitation must be part of the team of the invitation.',
    );
  const refused = invite.emails.filter(
    (e) => !emailDomainAllowed(e, guestSettings(app).RestrictCreationToDomains),
  );
  const domainError = (addresses: string) =>
    badRequest(
      'api.team.invite_members.invalid_email.app_error',
      `The following email addresses do not belong to an accepted domain: ${addresses}. Please contact your System Administrator for details.`,
    );
  // Graceful mode (?graceful=true) invites the acceptable addresses and reports the others.
  if (refused.length && !graceful) throw domainError(refused.join(', '));
  const sender = await users.findUser(app.db, session.userId);
  if (!sender) throw forbidden();

  const now = Date.now();
  const tokens = invite.emails
    .filter((email) => !refused.includes(email))
    .map((email) => ({ email, token: randomBytes(48).toString('base64url') }));
  await store.insertTokens(
    app.db,
    tokens.map(({ email, token }) => ({
      token_hash: hashToken(token),
      create_at: now,
      type: GUEST_INVITATION,
      user_id: sender.id,
      extra: { teamId, channels: invite.channels.join(' '), email, senderId: sender.id },
    })),
  );
  const byId = new Map(channels.map((c) => [c.id, c.display_name]));
  for (const { email, token } of tokens) {
    const details = encodeURIComponent(
      JSON.stringify({ display_name: team.display_name, name: team.name, email }),
    );
    const link = `${siteUrl}/signup_user_complete/?d=${details}&t=${encodeURIComponent(token)}`;
    const mail = guestInviteMail({
      to: email,
      siteName: config.TeamSettings.SiteName,
      senderName: sender.username,
      teamName: team.display_name,
      channelNames: invite.channels.map((id) => byId.get(id) ?? id),
      message: invite.message,
      link,
    });
    sendMail(config.EmailSettings, mail).catch((err) =>
      app.log.error({ err: (err as Error).message, teamId }, 'guest invitation email not sent'),
    );
  }
  return invite.emails.map((email) => {
    if (!refused.includes(email)) return { email, error: null };
    const e = domainError(email);
    return { email, error: { id: e.id, message: e.message, status_code: e.statusCode } };
  });
}

const invalidLink = () =>
  badRequest(
    'api.user.create_user.signup_link_invalid.app_error',
    'The signup link does not appear to be valid.',
  );

/**
 * POST /users?t=<token> (Mattermost's CreateUserWithToken for guest invitations): creates a guest
 * with the invited address (verified by the mail), joins them to the team as guest and to exactly
 * the invited channels, and spends the token. The token is checked before and taken after the
 * account exists, so a refused password does not waste the invitation.
 */
export async function createGuestWithToken(
  app: App,
  session: Session | null,
  input: NewUserInput,
  token: string,
): Promise<userStore.UserRow> {
  const config = app.config.get();
  if (!config.EmailSettings.EnableSignUpWithEmail)
    throw notImplemented(
      'api.user.create_user.signup_email_disabled.app_error',
      'User sign-up with email is disabled.',
    );
  if (token.length !== TOKEN_LENGTH) throw invalidLink();
  const row = await store.findToken(app.db, hashToken(token), GUEST_INVITATION);
  if (!row) throw invalidLink();
  if (Date.now() - row.create_at >= INVITATION_EXPIRY_MS) {
    await store.takeToken(app.db, row.token_hash, GUEST_INVITATION);
    throw badRequest('api.user.create_user.signup_link_expired.app_error', 'The signup link has expired.');
  }
  const settings = guestSettings(app);
  if (!settings.Enable || !settings.AllowEmailAccounts)
    throw new AppError(
      'api.user.create_user.guest_accounts.disabled.app_error',
      'Guest accounts are disabled.',
      403,
    );
  const { teamId, email } = row.extra;
  const channelIds = (row.extra.channels ?? '').split(' ').filter(Boolean);
  if (!(await store.findLiveTeam(app.db, teamId ?? '')))
    throw notFound('app.team.get.find.app_error', 'Unable to find the existing team.');
  const user = await createUser(app, session, input, {}, { guestEmail: email ?? '' });
  await addUserToTeam(app, teamId ?? '', user.id);
  const joined = await app.db.transaction().execute(async (trx) => {
    if (!(await store.takeToken(trx, row.token_hash, GUEST_INVITATION))) return [];
    return store.addGuestToChannels(trx, teamId ?? '', user.id, channelIds);
  });
  for (const channelId of joined) {
    app.events.publish({
      event: 'user_added',
      data: { user_id: user.id, team_id: teamId },
      broadcast: { channelId },
    });
  }
  return user;
}
