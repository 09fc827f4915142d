import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Channel } from '@mattermost/types/channels';
import type { PostSearchQuery } from '../src/domains/search/engine.ts';
import { postgresSearchEngine } from '../src/domains/search/postgres-engine.ts';
import { chooseStrategy, matchFrequency, type WordStats } from '../src/domains/search/postgres-plan.ts';
import { parseSearch } from '../src/domains/search/syntax.ts';
import { channelWorld, newChannelFields, type ChannelWorld } from './channels-setup.ts';
import { unique } from './harness.ts';

/**
 * The PostgreSQL engine's two query shapes must answer alike (the cost model only changes
 * speed), and the cost model must send very common words to the walk and the rest to the bitmap.
 */

describe('search cost model', () => {
  const stats: WordStats = {
    freq: new Map([
      ['the', 0.68],
      ['to', 0.33],
      ['deploy', 0.11],
      ['review', 0.1],
    ]),
    rare: 0.0005,
    posts: 1_000_000,
  };
  const plan = (terms: string, channelPosts = Array(20).fill(1500) as number[], orSearch = false) =>
    chooseStrategy(
      { terms: parseSearch(terms).terms, orSearch, channelPosts, wanted: 60, hasAuthorFilter: false },
      stats,
    );

  test('frequencies: AND multiplies, OR adds, exclusions remove, prefixes sum their words', () => {
    const f = (t: string, or = false) => matchFrequency(parseSearch(t).terms, or, stats);
    assert.ok(Math.abs(f('the deploy') - 0.68 * 0.11) < 1e-9);
    assert.ok(Math.abs(f('the deploy', true) - 0.79) < 1e-9);
    assert.ok(Math.abs(f('deploy -the') - 0.11 * 0.32) < 1e-9);
    assert.ok(Math.abs(f('t*') - 1) < 1e-9);
    assert.equal(f('zanzibar'), 0.0005);
  });

  test('very common words walk; typical and rare words, CJK, hashtags and from: use the bitmap', () => {
    assert.equal(plan('the'), 'walk');
    assert.equal(plan('t*'), 'walk');
    assert.equal(plan('deploy'), 'bitmap');
    assert.equal(plan('deploy review'), 'bitmap');
    assert.equal(plan('zanzibar'), 'bitmap');
    assert.equal(plan('東京'), 'bitmap');
    assert.equal(plan('#release'), 'bitmap');
    assert.equal(plan('deploy', [3000]), 'walk');
    assert.equal(
      chooseStrategy(
        {
          terms: parseSearch('the').terms,
          orSearch: false,
          channelPosts: [1],
          wanted: 60,
          hasAuthorFilter: true,
        },
        stats,
      ),
      'bitmap',
    );
    assert.equal(
      chooseStrategy(
        {
          terms: parseSearch('the').terms,
          orSearch: false,
          channelPosts: [1],
          wanted: 60,
          hasAuthorFilter: false,
        },
        null,
      ),
      'bitmap',
    );
  });
});

describe('search engine: walk and bitmap agree', () => {
  let w: ChannelWorld;
  let channels: Channel[];
  const k = unique('w');

  before(async () => {
    w = await channelWorld();
    channels = [
      await w.alice.client.createChannel(newChannelFields(w.team.id)),
      await w.alice.client.createChannel(newChannelFields(w.team.id)),
    ];
    const texts = [
      'the deploy went fine',
      'the review is done',
      'deploy the review branch',
      'nothing to see',
      'the the the',
      'Deployment tomorrow',
      '東京タワー',
    ];
    for (let i = 0; i < 21; i++) {
      await w.alice.client.createPost({
        channel_id: channels[i % 2].id,
        message: `${k} ${texts[i % texts.length]} ${i}`,
      });
    }
  });

  after(async () => {
    await w.server.close();
  });

  test('same ids, same order, for every page of several searches', async () => {
    const app = w.server.parley.app;
    const walk = postgresSearchEngine(app.db, { strategy: 'walk' });
    const bitmap = postgresSearchEngine(app.db, { strategy: 'bitmap' });
    const cases: [string, boolean][] = [
      [`${k} the`, false],
      [`${k} deploy*`, false],
      [`${k} "the review"`, false],
      [`${k} -the`, false],
      [`review deployment`, true],
      [`${k} -東京`, false],
      [k, false],
    ];
    for (const [terms, orSearch] of cases) {
      for (const [offset, limit] of [
        [0, 60],
        [0, 3],
        [3, 3],
        [9, 5],
      ]) {
        const q: PostSearchQuery = {
          channelIds: channels.map((c) => c.id),
          channelPosts: [10, 11],
          terms: parseSearch(terms).terms,
          orSearch,
          fromUserIds: [],
          excludedUserIds: [],
          since: null,
          until: null,
          offset,
          limit,
        };
        const a = await walk.searchPosts(q);
        const b = await bitmap.searchPosts(q);
        assert.deepEqual(a, b, `${terms} @${offset}+${limit}`);
        if (offset === 0 && limit === 60 && terms === k) assert.equal(a.length, 21);
      }
    }
  });
});
