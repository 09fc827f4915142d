import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client4 } from '@mattermost/client';
import type { Channel } from '@mattermost/types/channels';
import type { Post, PostSearchResults } from '@mattermost/types/posts';
import { addUserToTeam } from '../src/domains/teams/join.ts';
import { channelWorld, newChannelFields, type ChannelWorld } from './channels-setup.ts';
import { clientError, raw, unique } from './harness.ts';
import { loadOpenApi } from './openapi.ts';

/**
 * POST /teams/{team_id}/posts/search and /posts/search through Client4: every element of the
 * syntax, the `matches`, and what a searcher must never see (channels they are not in, other
 * teams on the team route, archived channels unless asked, deleted posts).
 */

let w: ChannelWorld;
let pub: Channel;
let secret: Channel;
let notJoined: Channel;

type Params = { terms: string; is_or_search?: boolean } & Record<string, unknown>;

async function search(client: Client4, terms: string | Params, teamId: string | null = w.team.id) {
  const params = typeof terms === 'string' ? { terms, is_or_search: false } : terms;
  return (await client.searchPostsWithParams(teamId ?? '', params as never)) as PostSearchResults;
}

const messages = (r: PostSearchResults) => r.order.map((id) => r.posts[id].message);

async function post(client: Client4, channelId: string, message: string): Promise<Post> {
  return client.createPost({ channel_id: channelId, message });
}

before(async () => {
  w = await channelWorld();
  pub = await w.alice.client.createChannel(newChannelFields(w.team.id));
  await w.alice.client.addToChannel(w.bob.user.id, pub.id);
  secret = await w.bob.client.createChannel(newChannelFields(w.team.id, 'P'));
  notJoined = await w.bob.client.createChannel(newChannelFields(w.team.id));
});

after(async () => {
  await w.server.close();
});

describe('post search: syntax', () => {
  test('words are ANDed, or ORed with is_or_search; case does not matter; newest first', async () => {
    const k = unique('w');
    await post(w.alice.client, pub.id, `${k} alpha beta`);
    await post(w.alice.client, pub.id, `${k} alpha gamma`);
    await post(w.bob.client, pub.id, `${k.toUpperCase()} delta`);
    assert.deepEqual(messages(await search(w.alice.client, `${k} Alpha BETA`)), [`${k} alpha beta`]);
    const or = await search(w.alice.client, { terms: `beta gamma ${unique('none')}`, is_or_search: true });
    assert.ok(messages(or).includes(`${k} alpha beta`) && messages(or).includes(`${k} alpha gamma`));
    assert.deepEqual(messages(await search(w.alice.client, k)), [
      `${k.toUpperCase()} delta`,
      `${k} alpha gamma`,
      `${k} alpha beta`,
    ]);
  });

  test('the answer is a PostList with matches, empty cursors and first_inaccessible_post_time 0', async () => {
    const k = unique('w');
    const p = await post(w.alice.client, pub.id, `Deployment of ${k} went fine`);
    const r = await search(w.alice.client, `${k} deploy*`);
    assert.deepEqual(r.order, [p.id]);
    assert.equal(r.posts[p.id].message, p.message);
    assert.deepEqual(r.matches, { [p.id]: [k, 'Deployment'] });
    assert.equal(r.next_post_id, '');
    assert.equal(r.prev_post_id, '');
    assert.equal(r.first_inaccessible_post_time, 0);
    const api = await loadOpenApi();
    assert.deepEqual(api.errors('PostListWithSearchMatches', r), []);
    const res = await raw(w.server, `/api/v4/teams/${w.team.id}/posts/search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ terms: k, is_or_search: false }),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /no-store/u);
  });

  test('"quoted phrases" need the words together and in order', async () => {
    const k = unique('w');
    await post(w.alice.client, pub.id, `${k} the quick brown fox`);
    await post(w.alice.client, pub.id, `${k} brown and quick`);
    assert.deepEqual(messages(await search(w.alice.client, `${k} "quick brown"`)), [
      `${k} the quick brown fox`,
    ]);
    const r = await search(w.alice.client, `"${k} the quick"`);
    assert.equal(r.order.length, 1);
    assert.deepEqual(Object.values(r.matches), [[`${k} the quick`]]);
  });

  test('-excluded words and phrases leave posts out', async () => {
    const k = unique('w');
    await post(w.alice.client, pub.id, `${k} keep this`);
    await post(w.alice.client, pub.id, `${k} drop this`);
    await post(w.alice.client, pub.id, `${k} not this one`);
    assert.deepEqual(messages(await search(w.alice.client, `${k} -drop -"this one"`)), [`${k} keep this`]);
  });

  test('prefix* finds longer words; a bare partial word does not', async () => {
    const k = unique('w');
    await post(w.alice.client, pub.id, `${k} deployment finished`);
    assert.equal((await search(w.alice.client, `${k} deploym*`)).order.length, 1);
    assert.equal((await search(w.alice.client, `${k} DEPLOYM*`)).order.length, 1);
    assert.equal((await search(w.alice.client, `${k} deploym`)).order.length, 0);
    assert.equal((await search(w.alice.client, `${k.slice(0, 6)}*`)).order.length >= 1, true);
  });

  test('CJK text is found inside longer runs, at any length', async () => {
    const k = unique('w');
    const p = await post(w.alice.client, pub.id, `${k} 東京タワーに行きました`);
    for (const term of ['東京', 'タワー', '東京タワー', 'に行き']) {
      const r = await search(w.alice.client, `${k} ${term}`);
      assert.deepEqual(r.order, [p.id], term);
      assert.deepEqual(r.matches[p.id], [k, term]);
    }
    assert.equal((await search(w.alice.client, `${k} 大阪`)).order.length, 0);
    assert.equal((await search(w.alice.client, `${k} -東京`)).order.length, 0);
  });

  test('#hashtags match the post hashtags, case-insensitively', async () => {
    const tag = unique('tag');
    const p = await post(w.alice.client, pub.id, `shipping #${tag.toUpperCase()} now`);
    await post(w.alice.client, pub.id, `shipping #${tag}x later`);
    const r = await search(w.alice.client, `#${tag}`);
    assert.deepEqual(r.order, [p.id]);
    assert.deepEqual(r.matches[p.id], [`#${tag.toUpperCase()}`]);
    assert.equal((await search(w.alice.client, `#${unique('tag')}`)).order.length, 0);
  });

  test('from: (with or without @) and -from:', async () => {
    const k = unique('w');
    await post(w.alice.client, pub.id, `${k} by alice`);
    await post(w.bob.client, pub.id, `${k} by bob`);
    assert.deepEqual(messages(await search(w.alice.client, `${k} from:${w.bob.user.username}`)), [
      `${k} by bob`,
    ]);
    assert.deepEqual(messages(await search(w.alice.client, `${k} from:@${w.bob.user.username}`)), [
      `${k} by bob`,
    ]);
    assert.deepEqual(messages(await search(w.alice.client, `${k} -from:${w.bob.user.username}`)), [
      `${k} by alice`,
    ]);
    assert.equal((await search(w.alice.client, `${k} from:${unique('nobody')}`)).order.length, 0);
    // A filter alone is a search too.
    assert.ok((await search(w.alice.client, `from:${w.bob.user.username}`)).order.length >= 1);
  });

  test('in:channel-name, ~name, -in:, and in:@username for a direct channel', async () => {
    const k = unique('w');
    const town = await w.alice.client.getChannelByName(w.team.id, 'town-square');
    await post(w.alice.client, pub.id, `${k} in pub`);
    await post(w.alice.client, town.id, `${k} in town`);
    const dm = await w.alice.client.createDirectChannel([w.alice.user.id, w.bob.user.id]);
    await post(w.bob.client, dm.id, `${k} in dm`);
    assert.deepEqual(messages(await search(w.alice.client, `${k} in:${pub.name}`)), [`${k} in pub`]);
    assert.deepEqual(messages(await search(w.alice.client, `${k} in:~town-square`)), [`${k} in town`]);
    assert.deepEqual(messages(await search(w.alice.client, `${k} in:@${w.bob.user.username}`)), [
      `${k} in dm`,
    ]);
    assert.deepEqual(messages(await search(w.alice.client, `${k} -in:town-square -in:${pub.name}`)), [
      `${k} in dm`,
    ]);
    const gm = await w.alice.client.createGroupChannel([w.alice.user.id, w.bob.user.id, w.admin.user.id]);
    await post(w.alice.client, gm.id, `${k} in gm`);
    const names = `@${w.bob.user.username},${w.admin.user.username}`;
    assert.deepEqual(messages(await search(w.alice.client, `${k} in:${names}`)), [`${k} in gm`]);
    assert.equal((await search(w.alice.client, `${k} -in:${names}`)).order.length, 3);
    assert.equal((await search(w.alice.client, `${k} in:${secret.name}`)).order.length, 0);
    assert.equal((await search(w.alice.client, `${k} in:${unique('nochannel')}`)).order.length, 0);
  });

  test('on:, before:, after: by day, in the searcher time zone', async () => {
    const k = unique('w');
    await post(w.alice.client, pub.id, `${k} dated`);
    const day = (offsetMs: number, tzSeconds = 0) =>
      new Date(Date.now() + offsetMs + tzSeconds * 1000).toISOString().slice(0, 10);
    const found = async (terms: string, tz = 0) =>
      (await search(w.alice.client, { terms: `${k} ${terms}`, is_or_search: false, time_zone_offset: tz }))
        .order.length;
    const D = 86_400_000;
    assert.equal(await found(`on:${day(0)}`), 1);
    assert.equal(await found(`on:${day(-D)}`), 0);
    assert.equal(await found(`before:${day(D)}`), 1);
    assert.equal(await found(`before:${day(0)}`), 0);
    assert.equal(await found(`after:${day(-D)}`), 1);
    assert.equal(await found(`after:${day(0)}`), 0);
    // Fourteen hours east of UTC the post was written on that zone's date.
    assert.equal(await found(`on:${day(0, 50_400)}`, 50_400), 1);
    assert.equal(await found(`on:${day(0, 50_400)} after:${day(-D, 50_400)}`, 50_400), 1);
  });

  test('paging: page and per_page walk the results', async () => {
    const k = unique('w');
    for (let i = 0; i < 3; i++) await post(w.alice.client, pub.id, `${k} number ${i}`);
    const page = async (p: number) =>
      messages(await search(w.alice.client, { terms: k, is_or_search: false, page: p, per_page: 2 }));
    assert.deepEqual(await page(0), [`${k} number 2`, `${k} number 1`]);
    assert.deepEqual(await page(1), [`${k} number 0`]);
    assert.deepEqual(await page(2), []);
    assert.deepEqual(await page(100_000), []);
  });
});

describe('post search: what is never found', () => {
  test('posts in a private channel the searcher is not in', async () => {
    const k = unique('w');
    await post(w.bob.client, secret.id, `${k} secret plans`);
    assert.equal((await search(w.alice.client, k)).order.length, 0);
    assert.equal((await search(w.alice.client, k, null)).order.length, 0);
    assert.equal((await search(w.bob.client, k)).order.length, 1);
  });

  test('posts in a public channel the searcher has not joined (Mattermost searches memberships)', async () => {
    const k = unique('w');
    await post(w.bob.client, notJoined.id, `${k} public but not joined`);
    assert.equal((await search(w.alice.client, k)).order.length, 0);
    assert.equal((await search(w.bob.client, k)).order.length, 1);
  });

  test('deleted posts', async () => {
    const k = unique('w');
    const p = await post(w.alice.client, pub.id, `${k} regrettable`);
    await w.alice.client.deletePost(p.id);
    assert.equal((await search(w.alice.client, k)).order.length, 0);
  });

  test('archived channels, unless include_deleted_channels', async () => {
    const k = unique('w');
    const ch = await w.alice.client.createChannel(newChannelFields(w.team.id));
    await post(w.alice.client, ch.id, `${k} archived talk`);
    await w.admin.client.deleteChannel(ch.id);
    assert.equal((await search(w.alice.client, k)).order.length, 0);
    const withArchived = await search(w.alice.client, {
      terms: k,
      is_or_search: false,
      include_deleted_channels: true,
    });
    assert.equal(withArchived.order.length, 1);
  });

  test('another team on the team route, but not on /posts/search', async () => {
    const k = unique('w');
    const team2 = await w.admin.client.createTeam({
      name: unique('team'),
      display_name: 'T2',
      type: 'O',
    } as never);
    await addUserToTeam(w.server.parley.app, team2.id, w.alice.user.id);
    const town2 = await w.alice.client.getChannelByName(team2.id, 'town-square');
    await post(w.alice.client, town2.id, `${k} over in team two`);
    assert.equal((await search(w.alice.client, k)).order.length, 0);
    assert.equal((await search(w.alice.client, k, team2.id)).order.length, 1);
    assert.equal((await search(w.alice.client, k, null)).order.length, 1);
  });

  test('a team the searcher is not in → 403; no session → 401', async () => {
    const e = await clientError(() => search(w.outsider.client, 'anything'));
    assert.equal(e.status_code, 403);
    const res = await raw(w.server, `/api/v4/posts/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ terms: 'x', is_or_search: false }),
    });
    assert.equal(res.status, 401);
  });

  test('bad bodies → 400 with Mattermost error JSON', async () => {
    const cases: unknown[] = [
      { is_or_search: false },
      { terms: '', is_or_search: false },
      { terms: '   ' },
      { terms: 5 },
      { terms: 'x', is_or_search: 'yes' },
      { terms: 'x', page: 'two' },
      { terms: 'x', per_page: 1.5 },
      { terms: 'x', time_zone_offset: '3600' },
      { terms: 'x'.repeat(5000) },
      ['x'],
    ];
    for (const body of cases) {
      const res = await raw(w.server, `/api/v4/teams/${w.team.id}/posts/search`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${w.alice.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(typeof res.json.id, 'string');
      assert.equal(res.json.status_code, 400);
    }
    const badJson = await raw(w.server, `/api/v4/posts/search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}`, 'Content-Type': 'application/json' },
      body: '{"terms":',
    });
    assert.equal(badJson.status, 400);
    const badTeam = await raw(w.server, `/api/v4/teams/nope/posts/search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ terms: 'x' }),
    });
    assert.equal(badTeam.status, 400);
  });

  test('terms made only of punctuation or SQL/tsquery syntax are harmless', async () => {
    for (const terms of ["'", '!!', '&|', "a' | 'b", ':*', '(x', '%', '\\', '"', '-', '#', '*']) {
      const r = await search(w.alice.client, terms);
      assert.ok(Array.isArray(r.order), terms);
    }
  });
});
