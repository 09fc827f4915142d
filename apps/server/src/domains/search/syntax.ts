import { SPACELESS_RANGES } from '../../db/migrations/0120_search.ts';

/**
 * Mattermost's search syntax (model/search_params.go), parsed without touching the database:
 * words, "quoted phrases", -excluded terms, prefix*, #hashtags and the flags from:, in: (alias
 * channel:), on:, before:, after: — each flag also excludable (-from:, -in:). A flag followed by
 * a space takes the next word as its value ("in: town-square"), as Mattermost does.
 */

export type TermKind = 'word' | 'phrase' | 'prefix' | 'hashtag';

export interface SearchTerm {
  kind: TermKind;
  /** The text to look for: without quotes, without the trailing `*`; hashtags keep their `#`. */
  text: string;
  excluded: boolean;
}

export interface ParsedSearch {
  terms: SearchTerm[];
  fromUsers: string[];
  excludedUsers: string[];
  inChannels: string[];
  excludedChannels: string[];
  /** YYYY-MM-DD as typed; the last of each flag wins, as in Mattermost. */
  onDate: string;
  afterDate: string;
  beforeDate: string;
  /** ext: values, lower-case without a leading dot; only file searches use them. */
  extensions: string[];
  excludedExtensions: string[];
}

/** Longest `terms` accepted; longer strings are refused rather than parsed at length. */
export const MAX_TERMS_LENGTH = 2048;
/** Terms and flag values beyond this many are ignored, so one search stays one bounded query. */
export const MAX_WORDS = 64;

const FLAGS = ['from', 'channel', 'in', 'on', 'before', 'after', 'ext'] as const;
type Flag = (typeof FLAGS)[number];

// Mattermost's searchTermPuncStart/End: punctuation around a word goes, but an opening # or
// quote and a closing * or quote stay, since they carry meaning.
const puncStart = /^[^\p{L}\p{N}\s#"]+/u;
const puncEnd = /[^\p{L}\p{N}\s*"]+$/u;
const extraHashes = /^#{2,}/u;
const hasWordChar = /[\p{L}\p{N}]/u;

/**
 * Scripts written without spaces between words (CJK, Thai, Lao, Khmer, Myanmar) and Hangul,
 * whose particles attach to words: a term in them is matched as a substring, since word
 * boundaries cannot be found without a dictionary. The ranges are those of the trigram index.
 */
export const SPACELESS_SCRIPT = new RegExp(
  `[${SPACELESS_RANGES.map(([a, b]) => `\\u{${a.toString(16)}}-\\u{${b.toString(16)}}`).join('')}]`,
  'u',
);

export function isSpaceless(text: string): boolean {
  return SPACELESS_SCRIPT.test(text);
}

/** Mattermost's splitWords: whitespace separates words, except inside "quotes" (with an optional leading -). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let inQuote = false;
  let start = 0;
  const fields = (s: string) => s.split(/\s+/u).filter((w) => w !== '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (inQuote) {
      words.push(text.slice(start, i + 1));
      inQuote = false;
      start = i + 1;
    } else {
      const quoteStart = i > 0 && text[i - 1] === '-' ? i - 1 : i;
      words.push(...fields(text.slice(start, quoteStart)));
      inQuote = true;
      start = quoteStart;
    }
  }
  words.push(...fields(text.slice(start)));
  return words;
}

function flagOf(word: string): { flag: Flag; excluded: boolean; value: string } | null {
  const colon = word.indexOf(':');
  if (colon === -1) return null;
  const excluded = word.startsWith('-');
  const name = word.slice(excluded ? 1 : 0, colon).toLowerCase();
  const flag = FLAGS.find((f) => f === name);
  return flag ? { flag, excluded, value: word.slice(colon + 1) } : null;
}

/** A free word as a term: trimmed of surrounding punctuation, classified by its marks. */
export function termOf(raw: string): SearchTerm | null {
  const excluded = raw.startsWith('-');
  const word = raw.replace(puncStart, '').replace(puncEnd, '').replace(extraHashes, '#');
  let term: SearchTerm;
  if (word.length >= 2 && word.startsWith('"') && word.endsWith('"')) {
    term = { kind: 'phrase', text: word.slice(1, -1).trim(), excluded };
  } else if (word.startsWith('#')) {
    term = { kind: 'hashtag', text: word.replace(/\*+$/u, ''), excluded };
  } else if (word.endsWith('*')) {
    term = { kind: 'prefix', text: word.replace(/\*+$/u, '').replace(/"/gu, ''), excluded };
  } else {
    term = { kind: 'word', text: word.replace(/"/gu, ''), excluded };
  }
  return hasWordChar.test(term.text) ? term : null;
}

export function parseSearch(terms: string): ParsedSearch {
  const out: ParsedSearch = {
    terms: [],
    fromUsers: [],
    excludedUsers: [],
    inChannels: [],
    excludedChannels: [],
    onDate: '',
    afterDate: '',
    beforeDate: '',
    extensions: [],
    excludedExtensions: [],
  };
  const words = splitWords(terms.slice(0, MAX_TERMS_LENGTH)).slice(0, MAX_WORDS);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const flag = flagOf(word);
    if (flag) {
      let value = flag.value;
      if (value === '') {
        // "from: alice": the value is the next word; a dangling flag at the end is a plain word.
        if (i === words.length - 1) {
          addTerm(out, word);
          continue;
        }
        value = words[++i];
      }
      applyFlag(out, flag.flag, flag.excluded, value);
      continue;
    }
    addTerm(out, word);
  }
  return out;
}

function addTerm(out: ParsedSearch, word: string): void {
  const term = termOf(word);
  if (term) out.terms.push(term);
}

function applyFlag(out: ParsedSearch, flag: Flag, excluded: boolean, value: string): void {
  switch (flag) {
    case 'from':
      (excluded ? out.excludedUsers : out.fromUsers).push(value);
      return;
    case 'in':
    case 'channel':
      (excluded ? out.excludedChannels : out.inChannels).push(value);
      return;
    // Excluded dates mean nothing in Mattermost either; the flag is simply dropped.
    case 'on':
      if (!excluded) out.onDate = value;
      return;
    case 'after':
      if (!excluded) out.afterDate = value;
      return;
    case 'before':
      if (!excluded) out.beforeDate = value;
      return;
    case 'ext': {
      // File extensions narrow file searches (files-service.ts); post searches ignore them.
      const ext = value.replace(/^\./u, '').toLowerCase();
      if (ext !== '') (excluded ? out.excludedExtensions : out.extensions).push(ext);
      return;
    }
  }
}

const DAY_MS = 86_400_000;

/** Start of the day YYYY-MM-DD (Mattermost pads 2024-1-5) in a zone `offsetSeconds` east of UTC. */
export function startOfDay(date: string, offsetSeconds: number): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utc - offsetSeconds * 1000;
}

/**
 * The create_at window of on:/after:/before: as Mattermost computes it (GetOnDateMillis and
 * friends): on: is the whole day, after: starts the next day, before: ends the previous day.
 * Unreadable dates add no bound. Bounds are inclusive; null means unbounded.
 */
export function dateWindow(
  parsed: Pick<ParsedSearch, 'onDate' | 'afterDate' | 'beforeDate'>,
  offsetSeconds: number,
): { since: number | null; until: number | null } {
  let since: number | null = null;
  let until: number | null = null;
  const narrow = (from: number | null, to: number | null) => {
    if (from !== null) since = since === null ? from : Math.max(since, from);
    if (to !== null) until = until === null ? to : Math.min(until, to);
  };
  const on = startOfDay(parsed.onDate, offsetSeconds);
  if (on !== null) narrow(on, on + DAY_MS - 1);
  const after = startOfDay(parsed.afterDate, offsetSeconds);
  if (after !== null) narrow(after + DAY_MS, null);
  const before = startOfDay(parsed.beforeDate, offsetSeconds);
  if (before !== null) narrow(null, before - 1);
  return { since, until };
}
