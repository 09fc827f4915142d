import { sql, type ExpressionBuilder, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type {
  ChannelMembersTable,
  Database,
  TeamMembersTable,
  TokensTable,
  UsersTable,
} from '../../db/schema.ts';
import { defaultChannelMemberNotifyProps } from '../channels/membership.ts';

export type TokenRow = Selectable<TokensTable>;
export type TeamMemberRow = Selectable<TeamMembersTable>;
export type ChannelMemberRow = Selectable<ChannelMembersTable>;

/** The channels among `ids` that exist, whatever their team or state (the caller checks both). */
export async function findChannels(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('channels')
    .select(['id', 'team_id', 'type', 'display_name', 'delete_at'])
    .where('id', 'in', ids)
    .execute();
}

export async function findLiveTeam(db: Db, teamId: string) {
  return db
    .selectFrom('teams')
    .select(['id', 'display_name', 'name'])
    .where('id', '=', teamId)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
}

export async function insertTokens(db: Db, rows: Insertable<TokensTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('tokens').values(rows).execute();
}

export async function findToken(db: Db, tokenHash: string, type: string): Promise<TokenRow | undefined> {
  return db
    .selectFrom('tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('type', '=', type)
    .executeTakeFirst();
}

/** Removes and returns a token in one statement, so two concurrent uses cannot both succeed. */
export async function takeToken(db: Db, tokenHash: string, type: string): Promise<TokenRow | undefined> {
  return db
    .deleteFrom('tokens')
    .where('token_hash', '=', tokenHash)
    .where('type', '=', type)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Adds a guest to the live open/private channels of `teamId` among `channelIds` as channel guest.
 * Returns the channels joined now (already a member: skipped).
 */
export async function addGuestToChannels(
  db: Db,
  teamId: string,
  userId: string,
  channelIds: string[],
): Promise<string[]> {
  if (channelIds.length === 0) return [];
  const now = Date.now();
  const live = await db
    .selectFrom('channels')
    .select('id')
    .where('id', 'in', channelIds)
    .where('team_id', '=', teamId)
    .where('type', 'in', ['O', 'P'])
    .where('delete_at', '=', 0)
    .execute();
  if (live.length === 0) return [];
  const rows = await db
    .insertInto('channel_members')
    .values(
      live.map((c) => ({
        channel_id: c.id,
        user_id: userId,
        scheme_guest: true,
        scheme_user: false,
        notify_props: defaultChannelMemberNotifyProps(),
        last_viewed_at: now,
        last_update_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['channel_id', 'user_id']).doNothing())
    .returning('channel_id')
    .execute();
  return rows.map((r) => r.channel_id);
}

/**
 * Turns every team membership of the user into a guest one (or back into a user one). Demotion
 * also drops the admin flag: a guest administers nothing.
 */
export async function setTeamMembershipsGuest(
  db: Db,
  userId: string,
  guest: boolean,
): Promise<TeamMemberRow[]> {
  return db
    .updateTable('team_members')
    .set(
      guest
        ? { scheme_guest: true, scheme_user: false, scheme_admin: false }
        : { scheme_guest: false, scheme_user: true },
    )
    .where('user_id', '=', userId)
    .where('scheme_guest', '=', !guest)
    .returningAll()
    .execute();
}

export async function setChannelMembershipsGuest(
  db: Db,
  userId: string,
  guest: boolean,
): Promise<ChannelMemberRow[]> {
  return db
    .updateTable('channel_members')
    .set(
      guest
        ? { scheme_guest: true, scheme_user: false, scheme_admin: false }
        : { scheme_guest: false, scheme_user: true },
    )
    .where('user_id', '=', userId)
    .where('scheme_guest', '=', !guest)
    .returningAll()
    .execute();
}

/** Deactivates every active guest at once; returns their ids. */
export async function deactivateAllGuests(db: Db): Promise<string[]> {
  const now = Date.now();
  const rows = await db
    .updateTable('users')
    .set({ delete_at: now, update_at: now })
    .where('delete_at', '=', 0)
    .where(sql<boolean>`'system_guest' = ANY(string_to_array(roles, ' '))`)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The viewer's live team memberships, for the teams where their team roles let them see members. */
export async function teamMembershipsOf(db: Db, userId: string) {
  return db
    .selectFrom('team_members')
    .select(['team_id', 'roles', 'scheme_guest', 'scheme_user', 'scheme_admin'])
    .where('user_id', '=', userId)
    .where('delete_at', '=', 0)
    .limit(10_000)
    .execute();
}

export interface Restriction {
  viewerId: string;
  /** Teams whose members the viewer may see through their team roles. */
  teamIds: string[];
}

type UsersExpressions = ExpressionBuilder<Database & { u: UsersTable }, 'u'>;

/**
 * `u` is visible under the restriction: the viewer themselves, anyone sharing a channel with
 * them, or a member of one of the restriction's teams (Mattermost's ViewUsersRestrictions).
 */
export function isVisibleUnder(eb: UsersExpressions, r: Restriction) {
  return eb.or([
    eb('u.id', '=', r.viewerId),
    eb.exists(
      eb
        .selectFrom('channel_members as theirs')
        .innerJoin('channel_members as mine', 'mine.channel_id', 'theirs.channel_id')
        .select('theirs.user_id')
        .whereRef('theirs.user_id', '=', 'u.id')
        .where('mine.user_id', '=', r.viewerId),
    ),
    ...(r.teamIds.length
      ? [
          eb.exists(
            eb
              .selectFrom('team_members as tm')
              .select('tm.user_id')
              .whereRef('tm.user_id', '=', 'u.id')
              .where('tm.delete_at', '=', 0)
              .where('tm.team_id', 'in', r.teamIds),
          ),
        ]
      : []),
  ]);
}

/** Those of `ids` visible under the restriction. */
export async function visibleAmong(db: Db, r: Restriction, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.id', 'in', ids)
    .where((eb) => isVisibleUnder(eb, r))
    .execute();
  return new Set(rows.map((r) => r.id));
}
