import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCategories, defaultCategoryId, placeChannels } from './policy.ts';

const categories = [
  { id: 'fav', type: 'favorites' },
  { id: 'custom1', type: 'custom' },
  { id: 'chan', type: 'channels' },
  { id: 'dm', type: 'direct_messages' },
];

test('explicit placements win; other team channels go to Channels, DMs and GMs to Direct Messages', () => {
  const placed = placeChannels(
    categories,
    [
      { category_id: 'custom1', channel_id: 'b' },
      { category_id: 'fav', channel_id: 'd1' },
      // The user left this channel: it is not shown anywhere.
      { category_id: 'custom1', channel_id: 'gone' },
    ],
    [
      { id: 'a', team_id: 't' },
      { id: 'b', team_id: 't' },
      { id: 'd1', team_id: '' },
      { id: 'd2', team_id: '' },
    ],
  );
  assert.deepEqual(Object.fromEntries(placed), { fav: ['d1'], custom1: ['b'], chan: ['a'], dm: ['d2'] });
});

test('a channel placed twice shows once, in the first placement', () => {
  const placed = placeChannels(
    categories,
    [
      { category_id: 'fav', channel_id: 'a' },
      { category_id: 'custom1', channel_id: 'a' },
    ],
    [{ id: 'a', team_id: 't' }],
  );
  assert.deepEqual(placed.get('fav'), ['a']);
  assert.deepEqual(placed.get('custom1'), []);
});

test('default categories use Mattermost ids and order', () => {
  const d = defaultCategories('u', 't');
  assert.deepEqual(
    d.map((c) => [c.id, c.type, c.sort_order]),
    [
      ['favorites_u_t', 'favorites', 0],
      ['channels_u_t', 'channels', 10],
      ['direct_messages_u_t', 'direct_messages', 20],
    ],
  );
  assert.equal(defaultCategoryId('channels', 'u', 't'), 'channels_u_t');
});
