import postgres from 'postgres';
import { isDatabaseUnavailable } from './unavailable';

/**
 * A circuit breaker on "can this process reach PostgreSQL": the first error that says the database is
 * unreachable opens it, and while it is open requests are refused at once (503 + Retry-After) instead
 * of queueing behind a pool that cannot connect — during a restart under steady intake, queued
 * requests would otherwise pile up, hang until their clients give up, and then arrive all together
 * when the database returns. A probe (one short connection, `select 1`) runs at once and then every
 * `probeEveryMs` while open; the first success closes the breaker. A false alarm (an error that looked
 * like an outage) therefore costs one probe's round trip, not an outage.
 */
export class DatabaseAvailability {
  #downSince: number | null = null;
  #probing = false;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly probeEveryMs = 250,
  ) {}

  /** Whether the breaker is open: the database was found unreachable and no probe has succeeded since. */
  get down(): boolean {
    return this.#downSince !== null;
  }

  /** Milliseconds since the breaker opened (0 when closed). */
  get downForMs(): number {
    return this.#downSince === null ? 0 : Date.now() - this.#downSince;
  }

  /** Looks at an error; opens the breaker when it says the database is unreachable. Returns whether it did. */
  note(err: unknown): boolean {
    if (!isDatabaseUnavailable(err)) return false;
    if (this.#downSince === null) this.#downSince = Date.now();
    if (!this.#probing) void this.#probeUntilUp();
    return true;
  }

  async #probeUntilUp(): Promise<void> {
    this.#probing = true;
    try {
      while (this.#downSince !== null) {
        try {
          await this.probe();
          this.#downSince = null;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, this.probeEveryMs).unref());
        }
      }
    } finally {
      this.#probing = false;
    }
  }
}

/** A probe on its own short-lived connection (never the pool's, whose queue is what the breaker avoids). */
export function connectionProbe(url: string, timeoutS = 1): () => Promise<void> {
  return async () => {
    const sql = postgres(url, { max: 1, connect_timeout: timeoutS, onnotice: () => {} });
    try {
      await sql`select 1`;
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  };
}

const GLOBAL_KEY = Symbol.for('levqor.db.availability');
type GlobalWithAvailability = typeof globalThis & { [GLOBAL_KEY]?: DatabaseAvailability };

/** The process's breaker for `DATABASE_URL` (one per process, like getDb's client). */
export function getDatabaseAvailability(): DatabaseAvailability {
  const g = globalThis as GlobalWithAvailability;
  if (!g[GLOBAL_KEY]) {
    const url = process.env.DATABASE_URL;
    g[GLOBAL_KEY] = new DatabaseAvailability(
      url
        ? connectionProbe(url)
        : async () => {
            throw new Error('DATABASE_URL is not set');
          },
    );
  }
  return g[GLOBAL_KEY];
}
