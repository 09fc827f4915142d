import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SPACELESS_SQL_PATTERN } from '../src/db/migrations/0120_search.ts';
import { matchedTerms } from '../src/domains/search/matches.ts';
import { prefixQuery } from '../src/domains/search/postgres-engine.ts';
import {
  dateWindow,
  isSpaceless,
  parseSearch,
  splitWords,
  startOfDay,
  termOf,
} from '../src/domains/search/syntax.ts';

describe('search syntax', () => {
  test('splitWords keeps quoted phrases (with a leading -) whole', () => {
    assert.deepEqual(splitWords('a "b c" -"d e" f'), ['a', '"b c"', '-"d e"', 'f']);
    assert.deepEqual(splitWords('  one   two  '), ['one', 'two']);
    assert.deepEqual(splitWords('x "open ended'), ['x', '"open', 'ended']);
  });

  test('terms: words, phrases, prefixes, hashtags, exclusions, punctuation trimmed', () => {
    assert.deepEqual(termOf('hello,'), { kind: 'word', text: 'hello', excluded: false });
    assert.deepEqual(termOf('"big deal"'), { kind: 'phrase', text: 'big deal', excluded: false });
    assert.deepEqual(termOf('-"big deal"'), { kind: 'phrase', text: 'big deal', excluded: true });
    assert.deepEqual(termOf('deploym*'), { kind: 'prefix', text: 'deploym', excluded: false });
    assert.deepEqual(termOf('##Release'), { kind: 'hashtag', text: '#Release', excluded: false });
    assert.deepEqual(termOf('-spam'), { kind: 'word', text: 'spam', excluded: true });
    assert.deepEqual(termOf('foo-bar'), { kind: 'word', text: 'foo-bar', excluded: false });
    assert.equal(termOf('!!!'), null);
    assert.equal(termOf('""'), null);
    assert.equal(termOf('*'), null);
  });

  test('flags, their exclusions, the channel: alias and a value after a space', () => {
    const p = parseSearch(
      'ship it from:alice -from:@bob in: ~town-square channel:dev -in:random on:2024-1-5 after:2024-01-01 before:2024-02-01 ext:pdf',
    );
    assert.deepEqual(
      p.terms.map((t) => t.text),
      ['ship', 'it'],
    );
    assert.deepEqual(p.fromUsers, ['alice']);
    assert.deepEqual(p.excludedUsers, ['@bob']);
    assert.deepEqual(p.inChannels, ['~town-square', 'dev']);
    assert.deepEqual(p.excludedChannels, ['random']);
    assert.equal(p.onDate, '2024-1-5');
    assert.equal(p.afterDate, '2024-01-01');
    assert.equal(p.beforeDate, '2024-02-01');
  });

  test('a flag at the very end without a value is a plain word; unknown flags are words', () => {
    const p = parseSearch('hello from:');
    assert.deepEqual(p.fromUsers, []);
    assert.deepEqual(
      p.terms.map((t) => t.text),
      ['hello', 'from'],
    );
    assert.deepEqual(
      parseSearch('http://example.com').terms.map((t) => t.text),
      ['http://example.com'],
    );
  });

  test('dates: on: is the day, after: starts the next day, before: ends the day before', () => {
    const day = Date.UTC(2024, 0, 5);
    assert.equal(startOfDay('2024-1-5', 0), day);
    assert.equal(startOfDay('2024-01-05', 3600), day - 3_600_000);
    assert.equal(startOfDay('2024-02-30', 0), null);
    assert.equal(startOfDay('yesterday', 0), null);
    assert.deepEqual(dateWindow({ onDate: '2024-01-05', afterDate: '', beforeDate: '' }, 0), {
      since: day,
      until: day + 86_400_000 - 1,
    });
    assert.deepEqual(dateWindow({ onDate: '', afterDate: '2024-01-05', beforeDate: '2024-01-10' }, -7200), {
      since: day + 86_400_000 + 7_200_000,
      until: Date.UTC(2024, 0, 10) + 7_200_000 - 1,
    });
    assert.deepEqual(dateWindow({ onDate: 'x', afterDate: '', beforeDate: '' }, 0), {
      since: null,
      until: null,
    });
  });

  test('spaceless scripts are recognised, and the trigram index predicate covers them', () => {
    assert.ok(isSpaceless('東京'));
    assert.ok(isSpaceless('タワー'));
    assert.ok(isSpaceless('한국어'));
    assert.ok(isSpaceless('ภาษาไทย'));
    assert.ok(!isSpaceless('deployment'));
    assert.ok(!isSpaceless('Zürich'));
    assert.match(SPACELESS_SQL_PATTERN, /^\[.*\\u3040-\\u9fff.*\]$/u);
  });

  test('prefix terms become quoted tsquery prefixes; quotes cannot break out', () => {
    assert.equal(prefixQuery('Deploym'), `'deploym':*`);
    assert.equal(prefixQuery(`foo-ba`), `'foo' <-> 'ba':*`);
    assert.equal(prefixQuery(`it's'`), `'it' <-> 's':*`);
    assert.equal(prefixQuery(`'&|!`), null);
  });
});

describe('search matches', () => {
  const post = (message: string, hashtags = '') => ({ message, hashtags });

  test('words, phrases and prefixes come back as written in the message', () => {
    const terms = parseSearch('deploy* "Green Build" tokyo').terms;
    assert.deepEqual(matchedTerms(post('Deployment of the green build to Tokyo, deploying now'), terms), [
      'Deployment',
      'deploying',
      'green build',
      'Tokyo',
    ]);
  });

  test('excluded terms are never highlighted; words match whole words only', () => {
    const terms = parseSearch('cat -dog').terms;
    assert.deepEqual(matchedTerms(post('cat dog category'), terms), ['cat']);
  });

  test('hashtags and spaceless text', () => {
    assert.deepEqual(matchedTerms(post('ship #Release today', '#Release'), parseSearch('#release').terms), [
      '#Release',
    ]);
    assert.deepEqual(matchedTerms(post('東京タワーに行きました'), parseSearch('東京').terms), ['東京']);
  });
});
