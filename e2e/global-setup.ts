import { APPS } from './urls';

/**
 * Runs after the web server is up (or reused): waits until every app answers /api/health and
 * /api/health/ready, so no spec starts against a half-started Levqor.
 */
export default async function globalSetup(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (const app of APPS) {
    for (const path of ['/api/health', '/api/health/ready']) {
      const url = `${app.url}${path}`;
      let last = 'no answer';
      for (;;) {
        try {
          const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
          if (res.ok) break;
          last = `HTTP ${res.status}`;
        } catch (err) {
          last = err instanceof Error ? err.message : String(err);
        }
        if (Date.now() > deadline) throw new Error(`${url} is not ready (${last}); is Levqor running?`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
}
