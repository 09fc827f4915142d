import pg from 'pg';

/**
 * What the seed's 150-word vocabulary lacks for search benchmarks, added once (marker in
 * `systems`): a rare word in ~100 posts, a less rare one in ~1,000, Japanese text in ~5,000 and
 * #release in ~10,000. Shared by bench/search.ts and the searches of bench/load.ts.
 */
const SEARCH_MARKER = 'ParleyBenchSearchSeed';

const ENRICH = `
  UPDATE posts SET message = message || ' zanzibar' WHERE abs(hashtext(id)) % 10000 = 7;
  UPDATE posts SET message = message || ' kilimanjaro' WHERE abs(hashtext(id)) % 1000 = 3;
  UPDATE posts SET message = message || ' 東京タワーで会議します' WHERE abs(hashtext(id)) % 200 = 5;
  UPDATE posts SET message = message || ' #release', hashtags = '#release' WHERE abs(hashtext(id)) % 100 = 11;
  INSERT INTO systems (name, value) VALUES ('${SEARCH_MARKER}', now()::text);`;

export async function enrichForSearch(dataSource: string, log: (m: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: dataSource });
  await client.connect();
  try {
    const done = await client.query('SELECT 1 FROM systems WHERE name = $1', [SEARCH_MARKER]);
    if (!done.rowCount) {
      const t = performance.now();
      await client.query('BEGIN');
      await client.query(ENRICH);
      await client.query('COMMIT');
      log(`added rare words, CJK text and hashtags in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    // Settles the GIN pending lists and statistics, as a long-running server's autovacuum would.
    const t = performance.now();
    await client.query('VACUUM (ANALYZE) posts');
    log(`vacuum analyze posts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}
