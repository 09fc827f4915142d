import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client4 } from '@mattermost/client';
import { allRoutes } from '../../src/routes.ts';
import { png, upload } from '../files-setup.ts';
import { startTestServer, unique, type LoggedIn, type TestServer } from '../harness.ts';

/**
 * The world the authorization matrix runs against: two teams, every kind of object with an id,
 * and one actor per way of being (or no longer being) entitled to them. Built once per run.
 */

/** Who is calling. `token` is null for anonymous. */
export interface Actor {
  name: ActorName;
  token: string | null;
  userId: string | null;
}

export type ActorName =
  | 'anonymous'
  | 'deactivated'
  | 'revoked'
  | 'disabledPat'
  | 'noTeam'
  | 'otherTeam'
  | 'otherTeamAdmin'
  | 'removedMember'
  | 'guest'
  | 'teamMember'
  | 'owner'
  | 'sysadmin';

/** Actors whose credentials must be refused outright (401 on every session route). */
export const DEAD_ACTORS: ActorName[] = ['anonymous', 'deactivated', 'revoked', 'disabledPat'];

export interface World {
  server: TestServer;
  dir: string;
  actors: Record<ActorName, Actor>;
  admin: LoggedIn;
  owner: LoggedIn;
  member: LoggedIn;
  removed: LoggedIn;
  otherTeam: LoggedIn;
  teamA: { id: string; name: string; inviteId: string };
  teamB: { id: string; name: string };
  pub: { id: string; name: string };
  priv: { id: string; name: string; displayName: string; header: string; purpose: string };
  dm: { id: string };
  gm: { id: string };
  archived: { id: string; name: string };
  posts: {
    pub: string;
    priv: string;
    privReply: string;
    dm: string;
    gm: string;
    deleted: string;
    archived: string;
  };
  /** Message text of each post, by the same keys. */
  messages: Record<keyof World['posts'], string>;
  file: { id: string; name: string };
  incomingHook: { id: string };
  outgoingHook: { id: string; token: string };
  command: { id: string; token: string; trigger: string };
  bot: { userId: string; username: string };
  pat: { id: string; token: string };
  emoji: { id: string; name: string };
  category: { id: string };
  role: { id: string; name: string };
  scheme: { id: string };
  /** Present once the server has OAuth apps. */
  oauthApp: { id: string; secret: string } | null;
}

export const MATRIX_CONFIG = {
  ServiceSettings: {
    EnableUserAccessTokens: true,
    EnableBotAccountCreation: true,
    EnableCustomEmoji: true,
    EnableIncomingWebhooks: true,
    EnableOutgoingWebhooks: true,
    EnableCommands: true,
  },
  // The matrix logs in a dozen users from one address within a second.
  ParleySettings: { LoginRateLimitPerMinute: 0 },
};

function bearer(server: TestServer, token: string): Client4 {
  const c = new Client4();
  c.setUrl(server.url);
  c.setToken(token);
  return c;
}

/** Text no response to a refused actor may contain: unique, so a hit can only be the object. */
const secret = (what: string) => `${what}-${unique('secret')}`;

export async function buildWorld(config: Record<string, unknown> = {}): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-authz-'));
  const server = await startTestServer({ ...MATRIX_CONFIG, FileSettings: { Directory: dir }, ...config });
  const admin = await server.newUser({ username: unique('admin') });
  const a = admin.client;
  const mk = (p: string) => server.userByAdmin(a, { username: unique(p) });
  const [
    owner,
    member,
    removed,
    otherTeam,
    otherAdmin,
    noTeam,
    gmThird,
    deactivated,
    revoked,
    patUser,
    guest,
  ] = await Promise.all([
    mk('owner'),
    mk('member'),
    mk('removed'),
    mk('other'),
    mk('otheradm'),
    mk('noteam'),
    mk('third'),
    mk('deact'),
    mk('revoked'),
    mk('patuser'),
    mk('guest'),
  ]);
  // A guest: in team A and its public channel only (made a guest before joining, as an invite does).
  await a.updateUserRoles(guest.user.id, 'system_guest');

  // Team A is invite-only, so outsiders may not even read it; the owner created it (team admin).
  const o = owner.client;
  const teamAName = unique('teama');
  const teamA = await o.createTeam({
    name: teamAName,
    display_name: secret('TeamA'),
    type: 'I',
    allow_open_invite: false,
  } as never);
  for (const u of [member, removed, gmThird, deactivated, revoked, patUser])
    await a.addToTeam(teamA.id, u.user.id);
  const teamB = await otherAdmin.client.createTeam({
    name: unique('teamb'),
    display_name: 'Team B',
    type: 'O',
  } as never);
  await a.addToTeam(teamB.id, otherTeam.user.id);

  const pub = await o.createChannel({
    team_id: teamA.id,
    name: unique('pub'),
    display_name: 'Public',
    type: 'O',
  } as never);
  const privFields = {
    name: unique('priv'),
    display_name: secret('PrivName'),
    header: secret('PrivHeader'),
    purpose: secret('PrivPurpose'),
  };
  const priv = await o.createChannel({ team_id: teamA.id, type: 'P', ...privFields } as never);
  await a.addToTeam(teamA.id, guest.user.id);
  await o.addToChannel(guest.user.id, pub.id);
  await o.addToChannel(removed.user.id, priv.id);
  await o.removeFromChannel(removed.user.id, priv.id);
  const dm = await o.createDirectChannel([owner.user.id, member.user.id]);
  const gm = await o.createGroupChannel([owner.user.id, member.user.id, gmThird.user.id]);
  const archived = await o.createChannel({
    team_id: teamA.id,
    name: unique('arch'),
    display_name: 'Archived',
    type: 'O',
  } as never);

  const messages = {
    pub: `public message ${unique('m')}`,
    priv: secret('PrivPost'),
    privReply: secret('PrivReply'),
    dm: secret('DmPost'),
    gm: secret('GmPost'),
    deleted: secret('DeletedPost'),
    archived: `archived message ${unique('m')}`,
  };
  const post = (channel_id: string, message: string, root_id = '') =>
    o.createPost({ channel_id, message, root_id } as never);
  const fileName = `${secret('file')}.png`;
  const uploaded = await upload(o, priv.id, [{ name: fileName, data: await png(8, 8), type: 'image/png' }]);
  const fileId = uploaded.file_infos[0]!.id;
  const pubPost = await post(pub.id, messages.pub);
  const privPost = await o.createPost({
    channel_id: priv.id,
    message: messages.priv,
    file_ids: [fileId],
  } as never);
  const privReply = await post(priv.id, messages.privReply, privPost.id);
  const dmPost = await post(dm.id, messages.dm);
  const gmPost = await post(gm.id, messages.gm);
  const deleted = await post(pub.id, messages.deleted);
  await o.deletePost(deleted.id);
  const archivedPost = await post(archived.id, messages.archived);
  await o.deleteChannel(archived.id);

  const incoming = await o.createIncomingWebhook({ channel_id: priv.id, display_name: 'in' } as never);
  const outgoing = await o.createOutgoingWebhook({
    team_id: teamA.id,
    channel_id: pub.id,
    display_name: 'out',
    trigger_words: ['deploy'],
    callback_urls: ['http://127.0.0.1:9/hook'],
  } as never);
  const trigger = unique('cmd').toLowerCase();
  const command = await o.addCommand({
    team_id: teamA.id,
    trigger,
    method: 'P',
    url: 'http://127.0.0.1:9/cmd',
    display_name: 'cmd',
  } as never);
  const bot = await a.createBot({ username: unique('bot').toLowerCase(), display_name: 'Bot' });
  await a.updateUserRoles(owner.user.id, 'system_user system_user_access_token');
  await a.updateUserRoles(patUser.user.id, 'system_user system_user_access_token');
  const pat = await o.createUserAccessToken(owner.user.id, 'matrix');
  const dead = await patUser.client.createUserAccessToken(patUser.user.id, 'disabled');
  await a.disableUserAccessToken(dead.id);
  const emojiName = unique('emo').toLowerCase();
  const emoji = await o.createCustomEmoji(
    { name: emojiName, creator_id: owner.user.id } as never,
    new File([new Uint8Array(await png(16, 16))], 'e.png', { type: 'image/png' }),
  );
  const categories = await o.getChannelCategories(owner.user.id, teamA.id);
  const role = await a.getRoleByName('channel_user');
  const scheme = await a.createScheme({ display_name: 'matrix scheme', scope: 'team' });
  const oauthApp = allRoutes.some((r) => r.method === 'POST' && r.url === '/oauth/apps')
    ? await a.createOAuthApp({
        name: 'matrix app',
        description: 'matrix',
        callback_urls: ['https://erp.example.com/cb'],
        homepage: 'https://erp.example.com',
      } as never)
    : null;

  // The dead credentials: a deactivated user's session, a revoked session, a disabled token.
  await a.updateUserActive(deactivated.user.id, false);
  const [revokedSession] = await revoked.client.getSessions(revoked.user.id);
  await revoked.client.revokeSession(revoked.user.id, revokedSession!.id);

  const actor = (name: ActorName, who: LoggedIn | null, token = who?.token ?? null): Actor => ({
    name,
    token,
    userId: who?.user.id ?? null,
  });
  return {
    server,
    dir,
    admin,
    owner,
    member,
    removed,
    otherTeam,
    actors: {
      anonymous: actor('anonymous', null),
      deactivated: actor('deactivated', deactivated),
      revoked: actor('revoked', revoked),
      disabledPat: actor('disabledPat', patUser, dead.token!),
      noTeam: actor('noTeam', noTeam),
      otherTeam: actor('otherTeam', otherTeam),
      otherTeamAdmin: actor('otherTeamAdmin', otherAdmin),
      removedMember: actor('removedMember', removed),
      guest: actor('guest', guest),
      teamMember: actor('teamMember', member),
      owner: actor('owner', owner),
      sysadmin: actor('sysadmin', admin),
    },
    teamA: { id: teamA.id, name: teamAName, inviteId: teamA.invite_id },
    teamB: { id: teamB.id, name: teamB.name },
    pub: { id: pub.id, name: pub.name },
    priv: {
      id: priv.id,
      name: privFields.name,
      displayName: privFields.display_name,
      header: privFields.header,
      purpose: privFields.purpose,
    },
    dm: { id: dm.id },
    gm: { id: gm.id },
    archived: { id: archived.id, name: archived.name },
    posts: {
      pub: pubPost.id,
      priv: privPost.id,
      privReply: privReply.id,
      dm: dmPost.id,
      gm: gmPost.id,
      deleted: deleted.id,
      archived: archivedPost.id,
    },
    messages,
    file: { id: fileId, name: fileName },
    incomingHook: { id: incoming.id },
    outgoingHook: { id: outgoing.id, token: outgoing.token },
    command: { id: command.id, token: command.token, trigger },
    bot: { userId: bot.user_id, username: bot.username },
    pat: { id: pat.id, token: pat.token! },
    emoji: { id: emoji.id, name: emojiName },
    category: { id: categories.categories[0]!.id },
    role: { id: role.id, name: role.name },
    scheme: { id: scheme.id },
    oauthApp: oauthApp ? { id: oauthApp.id, secret: oauthApp.client_secret } : null,
  };
}

export { bearer };
