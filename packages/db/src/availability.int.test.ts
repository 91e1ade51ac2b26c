import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectionProbe, DatabaseAvailability } from './availability';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('DatabaseAvailability', () => {
  it('ignores errors that do not say the database is unreachable', () => {
    const availability = new DatabaseAvailability(async () => {});
    expect(availability.note(new Error('duplicate key'))).toBe(false);
    expect(availability.note(Object.assign(new Error('x'), { code: '23505' }))).toBe(false);
    expect(availability.down).toBe(false);
  });

  it('opens on an outage, stays open while the probe fails, closes on the first success', async () => {
    let up = false;
    let probes = 0;
    const availability = new DatabaseAvailability(async () => {
      probes++;
      if (!up) throw refused;
    }, 20);
    // Wrapped the way Drizzle wraps a driver error.
    expect(availability.note(new Error('Failed query', { cause: refused }))).toBe(true);
    expect(availability.down).toBe(true);
    await until(() => probes >= 3);
    expect(availability.down).toBe(true);
    expect(availability.downForMs).toBeGreaterThan(0);
    // More errors while open start no second probe loop.
    availability.note(refused);
    up = true;
    await until(() => !availability.down);
    const after = probes;
    await new Promise((r) => setTimeout(r, 60));
    expect(probes).toBe(after);
    expect(availability.downForMs).toBe(0);
  });

  it('a false alarm closes after one successful probe', async () => {
    const availability = new DatabaseAvailability(async () => {}, 10_000);
    availability.note(refused);
    await until(() => !availability.down, 1_000);
  });

  it('probes PostgreSQL on a connection of its own', async () => {
    await expect(connectionProbe(process.env.DATABASE_URL!)()).resolves.toBeUndefined();
    const url = new URL(process.env.DATABASE_URL!);
    url.port = String(await closedPort());
    const failed = await connectionProbe(url.toString())().catch((e: unknown) => e);
    expect(new DatabaseAvailability(async () => {}).note(failed)).toBe(true);
  });
});
