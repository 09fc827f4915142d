import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database, UsersTable } from '../../db/schema.ts';
import { isVisibleUnder, type Restriction } from '../guests/store.ts';

export type UserRow = Selectable<UsersTable>;

export async function insertUser(db: Db, row: Insertable<UsersTable>): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUsersByIds(db: Db, ids: string[], since = 0): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  let q = db.selectFrom('users').selectAll().where('id', 'in', ids);
  if (since > 0) q = q.where('update_at', '>', since);
  return q.execute();
}

export async function findUsersByUsernames(db: Db, usernames: string[]): Promise<UserRow[]> {
  if (usernames.length === 0) return [];
  return db
    .selectFrom('users')
    .selectAll()
    .where(
      'username',
      'in',
      usernames.map((u) => u.toLowerCase()),
    )
    .execute();
}

export async function updateUser(
  db: Db,
  id: string,
  fields: Updateable<UsersTable>,
): Promise<UserRow | undefined> {
  return db.updateTable('users').set(fields).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function incrementFailedAttempts(db: Db, id: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export interface UserListFilter {
  inTeam?: string;
  notInTeam?: string;
  inChannel?: string;
  notInChannel?: string;
  withoutTeam?: boolean;
  active?: boolean;
  inactive?: boolean;
  role?: string;
  /** Prefix of the username, names, nickname or e-mail. */
  term?: string;
  sort?: 'username' | 'last_activity_at' | 'create_at';
  /** Only users this restricted viewer may see (guests: their channel-mates; domains/guests). */
  visibleTo?: Restriction;
  limit: number;
  offset: number;
}

type UsersExpressions = ExpressionBuilder<Database & { u: UsersTable }, 'u'>;

/** `u` is an active member of this team, or of any team when none is given. */
function isTeamMember(eb: UsersExpressions, teamId?: string) {
  let members = eb
    .selectFrom('team_members as tm')
    .select('tm.user_id')
    .whereRef('tm.user_id', '=', 'u.id')
    .where('tm.delete_at', '=', 0);
  if (teamId) members = members.where('tm.team_id', '=', teamId);
  return eb.exists(members);
}

/** `u` is a member of this channel. */
function isChannelMember(eb: UsersExpressions, channelId: string) {
  return eb.exists(
    eb
      .selectFrom('channel_members as cm')
      .select('cm.user_id')
      .whereRef('cm.user_id', '=', 'u.id')
      .where('cm.channel_id', '=', channelId),
  );
}

/** One page of users matching every filter given, ordered by username unless `sort` says otherwise. */
export async function listUsers(db: Db, f: UserListFilter): Promise<UserRow[]> {
  let q = db.selectFrom('users as u').selectAll('u');
  const { inTeam, notInTeam, inChannel, notInChannel } = f;
  if (inTeam) q = q.where((eb) => isTeamMember(eb, inTeam));
  if (notInTeam) q = q.where((eb) => eb.not(isTeamMember(eb, notInTeam)));
  if (inChannel) q = q.where((eb) => isChannelMember(eb, inChannel));
  if (notInChannel) q = q.where((eb) => eb.not(isChannelMember(eb, notInChannel)));
  if (f.withoutTeam) q = q.where((eb) => eb.not(isTeamMember(eb)));
  const { visibleTo } = f;
  if (visibleTo) q = q.where((eb) => isVisibleUnder(eb, visibleTo));
  if (f.active) q = q.where('u.delete_at', '=', 0);
  if (f.inactive) q = q.where('u.delete_at', '>', 0);
  if (f.role) q = q.where(sql<boolean>`${f.role} = ANY(string_to_array(u.roles, ' '))`);
  if (f.term) {
    const like = `${escapeLike(f.term.toLowerCase().replace(/^@/, ''))}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(u.username)`, 'like', like),
        eb(sql`lower(u.first_name)`, 'like', like),
        eb(sql`lower(u.last_name)`, 'like', like),
        eb(sql`lower(u.nickname)`, 'like', like),
        eb(sql`lower(u.email)`, 'like', like),
        eb(sql`lower(u.first_name || ' ' || u.last_name)`, 'like', like),
      ]),
    );
  }
  if (f.sort === 'last_activity_at') q = q.orderBy('u.last_activity_at', 'desc');
  else if (f.sort === 'create_at') q = q.orderBy('u.create_at', 'desc');
  q = q.orderBy('u.username');
  return q.limit(f.limit).offset(f.offset).execute();
}

export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function getUserImage(db: Db, userId: string) {
  return db.selectFrom('user_images').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function putUserImage(db: Db, userId: string, contentType: string, data: Buffer): Promise<void> {
  await db
    .insertInto('user_images')
    .values({ user_id: userId, content_type: contentType, data })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ content_type: contentType, data }))
    .execute();
}

export async function deleteUserImage(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('user_images').where('user_id', '=', userId).execute();
}

export async function userStats(db: Db): Promise<{ total: number; active: number }> {
  const row = await db
    .selectFrom('users')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.count<number>('id').filterWhere('delete_at', '=', 0).as('active'),
    ])
    .where('is_bot', '=', false)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), active: Number(row.active) };
}

/** Ids of active users who share at least one channel with `userId` (GET /users/known). */
export async function findKnownUserIds(db: Db, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('channel_members as mine')
    .innerJoin('channel_members as theirs', 'theirs.channel_id', 'mine.channel_id')
    .innerJoin('users as u', 'u.id', 'theirs.user_id')
    .select('theirs.user_id')
    .distinct()
    .where('mine.user_id', '=', userId)
    .where('theirs.user_id', '!=', userId)
    .where('u.delete_at', '=', 0)
    .limit(limit)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Members of each of these channels, keyed by channel id (POST /users/group_channels). */
export async function findUsersInChannels(db: Db, channelIds: string[]) {
  if (channelIds.length === 0) return [];
  return db
    .selectFrom('channel_members as cm')
    .innerJoin('users as u', 'u.id', 'cm.user_id')
    .selectAll('u')
    .select('cm.channel_id')
    .where('cm.channel_id', 'in', channelIds)
    .execute();
}

/** The channels among these that `userId` belongs to. */
export async function channelsUserIsIn(db: Db, userId: string, channelIds: string[]): Promise<Set<string>> {
  if (channelIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('channel_members')
    .select('channel_id')
    .where('user_id', '=', userId)
    .where('channel_id', 'in', channelIds)
    .execute();
  return new Set(rows.map((r) => r.channel_id));
}
