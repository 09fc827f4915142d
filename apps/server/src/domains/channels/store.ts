import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { ChannelsTable } from '../../db/schema.ts';

/** SQL for channels (memberships in store-members.ts). Every list is bounded by its caller's limit. */

export type ChannelRow = Selectable<ChannelsTable>;

export async function findChannel(db: Db, id: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
}

/** By name in a team; DMs and GMs (team '') match too, as in Mattermost's GetByName. */
export async function findChannelByName(
  db: Db,
  teamId: string,
  name: string,
  includeDeleted: boolean,
): Promise<ChannelRow | undefined> {
  let q = db
    .selectFrom('channels')
    .selectAll()
    .where('name', '=', name)
    .where('team_id', 'in', [teamId, ''])
    .orderBy('team_id', 'desc')
    .limit(1);
  if (!includeDeleted) q = q.where('delete_at', '=', 0);
  return q.executeTakeFirst();
}

export async function findTeamIdByName(db: Db, teamName: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('teams')
    .select('id')
    .where('name', '=', teamName.toLowerCase())
    .where('delete_at', '=', 0)
    .executeTakeFirst();
  return row?.id;
}

export async function findLiveTeam(db: Db, teamId: string) {
  return db
    .selectFrom('teams')
    .select(['id', 'name', 'display_name', 'update_at'])
    .where('id', '=', teamId)
    .where('delete_at', '=', 0)
    .executeTakeFirst();
}

export async function insertChannel(db: Db, row: Insertable<ChannelsTable>): Promise<ChannelRow> {
  return db.insertInto('channels').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Inserts a DM/GM unless one with that name exists; undefined when it already did. */
export async function insertChannelIfAbsent(
  db: Db,
  row: Insertable<ChannelsTable>,
): Promise<ChannelRow | undefined> {
  return db
    .insertInto('channels')
    .values(row)
    .onConflict((oc) => oc.columns(['team_id', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateChannel(
  db: Db,
  id: string,
  patch: Updateable<ChannelsTable>,
): Promise<ChannelRow | undefined> {
  return db.updateTable('channels').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteChannel(db: Db, id: string): Promise<void> {
  await db.deleteFrom('channels').where('id', '=', id).execute();
}

/** Public channels of a team (live or archived), by display name. */
export async function listPublicChannels(
  db: Db,
  teamId: string,
  archived: boolean,
  offset: number,
  limit: number,
): Promise<ChannelRow[]> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('type', '=', 'O')
    .where('delete_at', archived ? '>' : '=', 0)
    .orderBy('display_name')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
}

/** Archived channels of a team: public ones, and private ones the user belongs to. */
export async function listArchivedChannels(
  db: Db,
  teamId: string,
  userId: string,
  offset: number,
  limit: number,
): Promise<ChannelRow[]> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('delete_at', '>', 0)
    .where((eb) =>
      eb.or([
        eb('type', '=', 'O'),
        eb.and([
          eb('type', '=', 'P'),
          eb('id', 'in', eb.selectFrom('channel_members').select('channel_id').where('user_id', '=', userId)),
        ]),
      ]),
    )
    .orderBy('display_name')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function listPrivateChannels(
  db: Db,
  teamId: string,
  offset: number,
  limit: number,
): Promise<ChannelRow[]> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('type', '=', 'P')
    .where('delete_at', '=', 0)
    .orderBy('display_name')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
}

/**
 * Live channels of a team whose name or display name contains the term. `scope` picks the
 * channels: public ones, public ones plus the user's private ones, or only the user's own.
 */
export async function searchTeamChannels(
  db: Db,
  opts: {
    teamId: string;
    userId: string;
    pattern: string;
    scope: 'public' | 'visible' | 'member';
    limit: number;
  },
): Promise<ChannelRow[]> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('team_id', '=', opts.teamId)
    .where('delete_at', '=', 0)
    .where((eb) => eb.or([eb('name', 'ilike', opts.pattern), eb('display_name', 'ilike', opts.pattern)]))
    .where((eb) => {
      const isMember = eb(
        'id',
        'in',
        eb.selectFrom('channel_members').select('channel_id').where('user_id', '=', opts.userId),
      );
      if (opts.scope === 'public') return eb('type', '=', 'O');
      if (opts.scope === 'member') return eb.and([eb('type', 'in', ['O', 'P']), isMember]);
      return eb.or([eb('type', '=', 'O'), eb.and([eb('type', '=', 'P'), isMember])]);
    })
    .orderBy('display_name')
    .orderBy('id')
    .limit(opts.limit)
    .execute();
}

export type ChannelWithTeamRow = ChannelRow & {
  team_display_name: string | null;
  team_name: string | null;
  team_update_at: number | null;
};

/** System-wide search over team channels (system console). */
export async function searchAllChannels(
  db: Db,
  opts: { pattern: string; includeDeleted: boolean; offset: number; limit: number },
): Promise<{ rows: ChannelWithTeamRow[]; total: number }> {
  let base = db
    .selectFrom('channels as c')
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .where('c.type', 'in', ['O', 'P'])
    .where((eb) => eb.or([eb('c.name', 'ilike', opts.pattern), eb('c.display_name', 'ilike', opts.pattern)]));
  if (!opts.includeDeleted) base = base.where('c.delete_at', '=', 0);
  const [rows, count] = await Promise.all([
    base
      .selectAll('c')
      .select(['t.display_name as team_display_name', 't.name as team_name', 't.update_at as team_update_at'])
      .orderBy('c.display_name')
      .orderBy('c.id')
      .offset(opts.offset)
      .limit(opts.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A user's channels in a team plus their DMs and GMs. */
export async function listUserChannels(
  db: Db,
  opts: { userId: string; teamId: string; includeDeleted: boolean; lastDeleteAt: number; limit: number },
): Promise<ChannelRow[]> {
  let q = db
    .selectFrom('channels as c')
    .innerJoin('channel_members as cm', 'cm.channel_id', 'c.id')
    .selectAll('c')
    .where('cm.user_id', '=', opts.userId)
    .where('c.team_id', 'in', [opts.teamId, '']);
  if (!opts.includeDeleted) q = q.where('c.delete_at', '=', 0);
  else if (opts.lastDeleteAt > 0)
    q = q.where((eb) => eb.or([eb('c.delete_at', '=', 0), eb('c.delete_at', '>', opts.lastDeleteAt)]));
  return q.orderBy('c.display_name').orderBy('c.id').limit(opts.limit).execute();
}

export * from './store-members.ts';
