import type { Db } from '../../db/connection.ts';
import { channelSchemeRoles } from '../../permissions/scheme-names.ts';
import { presentMember } from './present.ts';
import type { MemberRow } from './store.ts';

/**
 * ChannelMember JSON for a list of members: their channels' scheme role names are looked up in
 * one query, so that clients see e.g. a read-only channel's member role.
 */
export async function membersJson(db: Db, rows: MemberRow[]) {
  const schemes = await channelSchemeRoles(
    db,
    rows.map((m) => m.channel_id),
  );
  return rows.map((m) => presentMember(m, schemes.get(m.channel_id)));
}

export async function memberJson(db: Db, row: MemberRow) {
  return (await membersJson(db, [row]))[0];
}
