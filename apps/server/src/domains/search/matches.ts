import { isSpaceless, type SearchTerm } from './syntax.ts';

/**
 * The `matches` of a search answer: for each found post, the pieces of its message that the
 * search terms matched, as written in the message, so the client can highlight them (what
 * Mattermost's Elasticsearch engine returns; its database engine leaves them empty).
 */

interface Token {
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** At most this many highlights per post; the client needs a few, not every repetition. */
const MAX_MATCHES = 20;

function tokens(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({
    text: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Runs of message tokens equal to the term's tokens (the last one only as a prefix when asked). */
function tokenRuns(message: string, msg: Token[], term: SearchTerm): string[] {
  const want = tokens(term.text).map((t) => t.text);
  if (want.length === 0) return [];
  const prefix = term.kind === 'prefix';
  const found: string[] = [];
  for (let i = 0; i + want.length <= msg.length; i++) {
    const matches = want.every((w, k) => {
      const have = msg[i + k].text;
      return prefix && k === want.length - 1 ? have.startsWith(w) : have === w;
    });
    if (matches) found.push(message.slice(msg[i].start, msg[i + want.length - 1].end));
  }
  return found;
}

/** Case-insensitive occurrences of `needle` in `message`, as written there. */
function substrings(message: string, needle: string): string[] {
  const hay = message.toLowerCase();
  const low = needle.toLowerCase();
  // Lower-casing can change lengths (e.g. İ); then fall back to the term as typed.
  if (hay.length !== message.length || low.length === 0) return hay.includes(low) ? [needle] : [];
  const found: string[] = [];
  for (let at = hay.indexOf(low); at !== -1; at = hay.indexOf(low, at + low.length)) {
    found.push(message.slice(at, at + low.length));
  }
  return found;
}

function hashtagMatches(hashtags: string, tag: string): string[] {
  const want = tag.toLowerCase();
  return hashtags.split(' ').filter((h) => h !== '' && h.toLowerCase() === want);
}

export function matchedTerms(
  post: { message: string; hashtags: string },
  terms: readonly SearchTerm[],
): string[] {
  const msg = tokens(post.message);
  const out = new Set<string>();
  for (const term of terms) {
    if (term.excluded) continue;
    let found: string[];
    if (term.kind === 'hashtag') found = hashtagMatches(post.hashtags, term.text);
    else if (isSpaceless(term.text)) found = substrings(post.message, term.text);
    else found = tokenRuns(post.message, msg, term);
    for (const f of found) {
      if (out.size >= MAX_MATCHES) return [...out];
      out.add(f);
    }
  }
  return [...out];
}
