import type { Route } from '../../src/http/route.ts';
import type { ActorName, World } from './world.ts';

/**
 * The policy the matrix enforces, written out: which actors may see each object, and the few
 * routes where Mattermost deliberately lets more people through. Anything not allowed here must
 * be refused (no 2xx) and must not show the object's secret text in its answer.
 */

/** A world object bound to a path parameter. */
export interface Obj {
  label: string;
  id: string;
  /** Actors who may read it (GET). */
  readers: ReadonlySet<ActorName>;
  /** Actors who may change it; defaults to `readers` (the matrix never sends writes for them). */
  writers?: ReadonlySet<ActorName>;
}

const LIVE: ActorName[] = [
  'noTeam',
  'otherTeam',
  'otherTeamAdmin',
  'removedMember',
  'guest',
  'teamMember',
  'owner',
  'sysadmin',
];
const set = (...names: ActorName[]) => new Set<ActorName>(names);
/** Team A's full members; its guest sees the team and the one channel it was added to. */
const TEAM_A = set('removedMember', 'teamMember', 'owner', 'sysadmin');
const TEAM_A_AND_GUEST = set(...TEAM_A, 'guest');
const OWNER = set('owner', 'sysadmin');
const DIRECT = set('owner', 'teamMember', 'sysadmin');
const ADMIN = set('sysadmin');
const EVERYONE_LOGGED_IN = set(...LIVE);

/**
 * Routes whose user_id is read as a public profile (Mattermost lets every logged-in user see
 * other users' profiles, pictures and status). Every other `/users/:user_id/...` route is the
 * user's own data: only the user and a system admin.
 */
const PROFILE_READS = new Set([
  'GET /users/:user_id',
  'GET /users/:user_id/image',
  'GET /users/:user_id/image/default',
  'GET /users/:user_id/status',
  'GET /users/username/:username',
  'GET /users/email/:email',
]);

/**
 * Routes not in the matrix, with the reason: their id is itself the credential (anyone holding
 * an incoming webhook URL may post; an invite id shows the team to whoever was given it), or the
 * id is not an object of the world.
 */
export const EXCLUDED: Record<string, string> = {
  'POST /hooks/:hook_id': 'the incoming webhook id is the credential (anyone holding it may post)',
  'GET /teams/invite/:invite_id': 'the invite id is the credential (it shows the team to invitees)',
  'POST /hooks/commands/:hook_id': 'a slash-command response URL id, valid only for 30 minutes',
};

/**
 * Routes whose refusal is a 2xx by design, with the exact answer a refused caller must get:
 * Mattermost answers "does not exist" rather than 403 so a name cannot be probed.
 */
export const REFUSAL_ANSWERS: Record<string, string> = {
  'GET /teams/name/:team_name/exists': '{"exists":false}',
};

/** Text that must never reach an actor outside `readers`. */
export interface Secret {
  text: string;
  readers: ReadonlySet<ActorName>;
}

export function secretsOf(w: World): Secret[] {
  return [
    { text: w.priv.displayName, readers: OWNER },
    { text: w.priv.header, readers: OWNER },
    { text: w.priv.purpose, readers: OWNER },
    { text: w.messages.priv, readers: OWNER },
    { text: w.messages.privReply, readers: OWNER },
    { text: w.messages.dm, readers: DIRECT },
    { text: w.messages.gm, readers: DIRECT },
    // A deleted post is gone for everyone but a system admin.
    { text: w.messages.deleted, readers: ADMIN },
    { text: w.file.name, readers: OWNER },
    { text: w.incomingHook.id, readers: OWNER },
    { text: w.outgoingHook.token, readers: OWNER },
    { text: w.command.token, readers: OWNER },
    // A token is shown once, at creation; no later answer carries it, not even to its owner.
    { text: w.pat.token, readers: set() },
    { text: w.teamA.inviteId, readers: TEAM_A },
    ...(w.oauthApp ? [{ text: w.oauthApp.secret, readers: ADMIN }] : []),
  ];
}

/** The objects each path parameter is substituted with, for one route. */
export function objectsFor(w: World, route: Route, param: string): Obj[] | null {
  const key = `${route.method} ${route.url}`;
  const isRead = route.method === 'GET';
  const profile: Obj = {
    label: 'user:owner',
    id: w.owner.user.id,
    readers: EVERYONE_LOGGED_IN,
    writers: OWNER,
  };
  switch (param) {
    case 'user_id':
      // Inside /users/:user_id/... the path is the user's own data; elsewhere (team or channel
      // membership of a user, bot assignment) it names a profile everybody may see.
      if (PROFILE_READS.has(key) || !route.url.startsWith('/users/:user_id')) return [profile];
      return [{ label: 'user:owner(own data)', id: w.owner.user.id, readers: OWNER }];
    case 'username':
      return [{ ...profile, id: w.owner.user.username }];
    case 'email':
      return [{ ...profile, id: w.owner.user.email }];
    case 'team_id':
      return [{ label: 'team:A', id: w.teamA.id, readers: TEAM_A_AND_GUEST }];
    case 'team_name':
      return [{ label: 'team:A(name)', id: w.teamA.name, readers: TEAM_A_AND_GUEST }];
    case 'channel_id':
      return [
        { label: 'channel:public', id: w.pub.id, readers: TEAM_A_AND_GUEST },
        { label: 'channel:private', id: w.priv.id, readers: OWNER },
        { label: 'channel:dm', id: w.dm.id, readers: DIRECT },
        { label: 'channel:gm', id: w.gm.id, readers: DIRECT },
        { label: 'channel:archived', id: w.archived.id, readers: TEAM_A },
      ];
    case 'channel_name':
      return [
        { label: 'channel:public(name)', id: w.pub.name, readers: TEAM_A_AND_GUEST },
        { label: 'channel:private(name)', id: w.priv.name, readers: OWNER },
      ];
    case 'post_id':
      return [
        { label: 'post:public', id: w.posts.pub, readers: TEAM_A_AND_GUEST },
        { label: 'post:private', id: w.posts.priv, readers: OWNER },
        { label: 'post:private-reply', id: w.posts.privReply, readers: OWNER },
        { label: 'post:dm', id: w.posts.dm, readers: DIRECT },
        { label: 'post:gm', id: w.posts.gm, readers: DIRECT },
        // Its channel's members may reach the post's id (reactions, files); its text is gone for
        // them (see secretsOf) and GET /posts/:id answers 404 (checked on its own).
        { label: 'post:deleted', id: w.posts.deleted, readers: TEAM_A_AND_GUEST },
        { label: 'post:archived', id: w.posts.archived, readers: TEAM_A },
      ];
    case 'thread_id':
      return [{ label: 'thread:private', id: w.posts.priv, readers: OWNER }];
    case 'file_id':
      // Public links need the link's hash: without it nobody gets the file.
      if (route.url.endsWith('/public'))
        return [{ label: 'file(public, no hash)', id: w.file.id, readers: set() }];
      return [{ label: 'file:private', id: w.file.id, readers: OWNER }];
    case 'hook_id':
      if (route.url.startsWith('/hooks/incoming'))
        return [{ label: 'hook:incoming', id: w.incomingHook.id, readers: OWNER }];
      if (route.url.startsWith('/hooks/outgoing'))
        return [{ label: 'hook:outgoing', id: w.outgoingHook.id, readers: OWNER }];
      return null;
    case 'command_id':
      return [{ label: 'command', id: w.command.id, readers: OWNER }];
    case 'bot_user_id':
      return [{ label: 'bot', id: w.bot.userId, readers: ADMIN }];
    case 'token_id':
      return [{ label: 'token', id: w.pat.id, readers: OWNER }];
    case 'emoji_id':
      return [{ label: 'emoji', id: w.emoji.id, readers: EVERYONE_LOGGED_IN, writers: OWNER }];
    case 'emoji_name':
      // Custom emoji are server-wide; in the reactions route the name is just the reaction's.
      return [
        {
          label: 'emoji(name)',
          id: isRead ? w.emoji.name : 'smile',
          readers: EVERYONE_LOGGED_IN,
          writers: OWNER,
        },
      ];
    case 'category_id':
      return [{ label: 'category', id: w.category.id, readers: OWNER }];
    case 'role_id':
      return [{ label: 'role', id: w.role.id, readers: EVERYONE_LOGGED_IN, writers: ADMIN }];
    case 'role_name':
      return [{ label: 'role(name)', id: w.role.name, readers: EVERYONE_LOGGED_IN, writers: ADMIN }];
    case 'scheme_id':
      return [{ label: 'scheme', id: w.scheme.id, readers: ADMIN }];
    case 'app_id':
      if (!w.oauthApp) return null;
      // Its public face (name, homepage, icon) is shown to every user asked to authorize it.
      if (route.url.endsWith('/info'))
        return [{ label: 'oauth-app(info)', id: w.oauthApp.id, readers: EVERYONE_LOGGED_IN, writers: ADMIN }];
      return [{ label: 'oauth-app', id: w.oauthApp.id, readers: ADMIN }];
    // Plain values, not objects: they never narrow who may call.
    case 'category':
      return [{ label: 'pref-category', id: 'display_settings', readers: EVERYONE_LOGGED_IN }];
    case 'preference_name':
      return [{ label: 'pref-name', id: 'use_military_time', readers: EVERYONE_LOGGED_IN }];
    case 'timestamp':
      return [{ label: 'timestamp', id: String(Date.now()), readers: EVERYONE_LOGGED_IN }];
    case 'action_id':
      return [{ label: 'action', id: 'noaction', readers: EVERYONE_LOGGED_IN }];
    default:
      return null;
  }
}
