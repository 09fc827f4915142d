import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../db/connection.ts';
import { ChannelMemberReader } from './member-reader.ts';

/** A stand-in for the database: each query waits until the test lets it answer. */
function fakeDb() {
  const queries: { channelId: string; answer: (ids: string[]) => void }[] = [];
  const db = {
    selectFrom: () => ({
      select: () => ({
        where: (_c: string, _op: string, channelId: string) => ({
          executeTakeFirst: () =>
            new Promise((resolve) =>
              queries.push({
                channelId,
                answer: (ids) => resolve({ ids: ids.length ? ids.join(' ') : null }),
              }),
            ),
        }),
      }),
    }),
  } as unknown as Db;
  return { db, queries };
}

const tick = () => new Promise((done) => setImmediate(done));

test('reads waiting for a connection share one query; a running read is not shared', async () => {
  const { db, queries } = fakeDb();
  const reader = new ChannelMemberReader(db, 1);
  const first = reader.read('a');
  await tick();
  assert.equal(queries.length, 1, 'the first read runs at once');
  // Published while the first read runs: it must not reuse it, and the two waiting reads share.
  const second = reader.read('a');
  const third = reader.read('a');
  const other = reader.read('b');
  assert.equal(second, third);
  queries[0].answer(['u1']);
  assert.deepEqual(await first, ['u1']);
  await tick();
  assert.equal(queries.length, 2);
  assert.equal(queries[1].channelId, 'a');
  queries[1].answer(['u1', 'u2']);
  assert.deepEqual(await second, ['u1', 'u2']);
  await tick();
  assert.equal(queries[2].channelId, 'b');
  queries[2].answer([]);
  assert.deepEqual(await other, []);
  // A read asked for after the shared one started gets a query of its own.
  const later = reader.read('a');
  await tick();
  assert.equal(queries.length, 4);
  queries[3].answer(['u3']);
  assert.deepEqual(await later, ['u3']);
});
