import { DEFAULT_SHAPE } from '../seed.ts';
import type { ApiClient } from '../lib/http.ts';
import type { Metrics } from './metrics.ts';
import type { SimUser } from './user.ts';

/**
 * Searches beside the chat mix (issue 7): an open loop of `rate` searches per second, each sent
 * when its turn comes whether or not earlier ones have answered (so a slow server meets the same
 * demand), as a random online simulated user with that user's own session, through
 * POST /teams/{team_id}/posts/search. The kinds take turns so each gets the same share.
 */
interface SearchKind {
  name: string;
  /** Terms for the seeded user number `n` (bench user ids are 1-based). */
  terms: (n: number) => string;
}

export const SEARCH_KINDS: SearchKind[] = [
  { name: 'common word', terms: () => 'the' },
  { name: 'rare word', terms: () => 'zanzibar' },
  { name: 'prefix', terms: () => 'dashb*' },
  // Seeded users n and n + teams share a team, so from: names someone the searcher can see.
  {
    name: 'from:',
    terms: (n) => `from:user${((n - 1 + DEFAULT_SHAPE.teams) % DEFAULT_SHAPE.users) + 1} deploy`,
  },
  { name: 'in:', terms: () => 'in:off-topic deploy' },
];

export function runSearches(
  api: ApiClient,
  sims: SimUser[],
  rate: number,
  stopAt: number,
  metrics: () => Metrics,
): Promise<void> {
  const interval = 1000 / rate;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  const one = async (kind: SearchKind) => {
    const online = sims.flatMap((u, i) => (u.socket?.open ? [i] : []));
    if (online.length === 0) return;
    const i = online[Math.floor(Math.random() * online.length)];
    const user = sims[i];
    const n = i + 1;
    // Counted by the phase that sent it, as the simulated users' requests are.
    const m = metrics();
    const body = { terms: kind.terms(n), is_or_search: false, page: 0, per_page: 60 };
    const r = await api.request('POST', `/teams/${user.teamId}/posts/search`, user.token, body);
    m.request('POST /teams/{id}/posts/search', r.status, r.ms);
    m.search(kind.name, r.status, r.ms);
  };
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Catch up on every turn that came due (timers drift when the generator is busy).
      while (started + sent * interval <= now && now < stopAt) {
        inFlight.push(one(SEARCH_KINDS[sent % SEARCH_KINDS.length]));
        sent++;
      }
      if (now >= stopAt) {
        void Promise.all(inFlight).then(() => resolve());
        return;
      }
      setTimeout(tick, Math.max(0, started + sent * interval - now));
    };
    tick();
  });
}
