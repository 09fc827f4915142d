import pg from 'pg';

/**
 * A sampling profiler for the database: every `intervalMs` it lists the statements running in
 * PostgreSQL (pg_stat_activity) and counts them by text. The statements seen most often are
 * where the database's time goes — no extension or server setting needed.
 */
export class PgSampler {
  private readonly client: pg.Client;
  private timer: NodeJS.Timeout | null = null;
  private readonly counts = new Map<string, number>();
  samples = 0;

  constructor(dataSource: string) {
    this.client = new pg.Client({ connectionString: dataSource });
  }

  async start(intervalMs = 250): Promise<void> {
    await this.client.connect();
    const tick = async () => {
      try {
        const { rows } = await this.client.query<{ query: string }>(
          `SELECT query FROM pg_stat_activity
           WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        this.samples++;
        for (const r of rows) {
          const key = r.query.replace(/\s+/g, ' ').trim().slice(0, 160);
          this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        }
      } catch {
        // a sample lost under load is fine
      }
      if (this.timer) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  /** The most frequently running statements: average number of backends running each. */
  top(n: number): { query: string; busyBackends: number }[] {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([query, count]) => ({ query, busyBackends: count / Math.max(1, this.samples) }));
  }

  reset(): void {
    this.counts.clear();
    this.samples = 0;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.client.end().catch(() => {});
  }
}
