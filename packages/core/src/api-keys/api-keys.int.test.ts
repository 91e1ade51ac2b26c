import { randomBytes } from 'node:crypto';
import { apiKeys, auditEvents, createDb, eq, sql } from '@levqor/db';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { generateKey, hashKey, isWellFormedKey } from './key-format';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from './manage-api-keys';
import { createApiKeyVerifier } from './verify-api-key';

const otherInstanceDb = createDb(process.env.DATABASE_URL!, { max: 2 });
afterAll(() => otherInstanceDb.$client.end());

const waitFor = async (fn: () => Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
};

describe('key format', () => {
  it('has the documented shape and a checksum that catches typos offline', () => {
    const { plaintext, prefix, hash } = generateKey('live');
    expect(plaintext).toMatch(/^lvq_live_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}$/);
    expect(prefix).toBe(`${plaintext.slice(0, 14)}…`);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(isWellFormedKey(plaintext)).toBe(true);
    expect(generateKey('test').plaintext.startsWith('lvq_test_')).toBe(true);
    const typo = `${plaintext.slice(0, 20)}${plaintext[20] === 'a' ? 'b' : 'a'}${plaintext.slice(21)}`;
    expect(isWellFormedKey(typo)).toBe(false);
    expect(isWellFormedKey('lvq_live_short_abcdef')).toBe(false);
    expect(isWellFormedKey('')).toBe(false);
  });
});

describe('api keys', () => {
  it('stores only a hash and a prefix, verifies, and audits creation', async () => {
    const { user, workspace } = await makeUser();
    const created = await createApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      input: {
        name: 'CI',
        scopes: ['jobs:read', 'jobs:write'],
      },
    });
    const [row] = await testDb().select().from(apiKeys).where(eq(apiKeys.id, created.key.id));
    expect(JSON.stringify(row)).not.toContain(created.plaintext);
    const verifier = await createApiKeyVerifier(testDb());
    const principal = await verifier.verify(created.plaintext);
    expect(principal).toMatchObject({
      keyId: created.key.id,
      workspaceId: workspace.id,
      scopes: ['jobs:read', 'jobs:write'],
      // The key's own 600, clamped to the Free plan's API limit.
      rateLimitPerMin: 60,
    });
    // Seen again: answered from the verifier's memory of its hash, the same principal.
    expect(await verifier.verify(created.plaintext)).toEqual(principal);
    // A typo in the checksum (never the same character: that was a 1-in-62 flaky test).
    const last = created.plaintext.at(-1) === 'x' ? 'y' : 'x';
    expect(await verifier.verify(`${created.plaintext.slice(0, -1)}${last}`)).toBeNull();
    const audit = await testDb().select().from(auditEvents).where(eq(auditEvents.target, created.key.id));
    expect(audit.map((a) => a.action)).toEqual(['api_key.created']);
    await verifier.close();
  });

  it('refuses an expired key', async () => {
    const { user, workspace } = await makeUser();
    const created = await createApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      input: {
        name: 'soon',
        scopes: ['jobs:read'],
        expires_at: new Date(Date.now() + 300),
      },
    });
    const verifier = await createApiKeyVerifier(testDb(), { listen: false });
    expect(await verifier.verify(created.plaintext)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(await verifier.verify(created.plaintext)).toBeNull();
    expect((await listApiKeys(testDb(), workspace.id))[0]!.status).toBe('expired');
  });

  it('rotation keeps the old key during the grace and stops it after', async () => {
    const { user, workspace } = await makeUser();
    const first = await createApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      input: {
        name: 'rot',
        scopes: ['usage:read'],
        rate_limit_per_min: 42,
      },
    });
    const verifier = await createApiKeyVerifier(testDb());
    await verifier.verify(first.plaintext); // cached
    const second = await rotateApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      keyId: first.key.id,
      input: { grace: '1h' },
    });
    expect(second.key).toMatchObject({
      name: 'rot',
      scopes: ['usage:read'],
      rate_limit_per_min: 42,
      status: 'active',
    });
    expect(await verifier.verify(first.plaintext)).not.toBeNull();
    expect(await verifier.verify(second.plaintext)).not.toBeNull();
    await expect(
      rotateApiKey(testDb(), { workspaceId: workspace.id, userId: user.id, keyId: first.key.id }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const third = await rotateApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      keyId: second.key.id,
      input: { grace: 'now' },
    });
    expect(await waitFor(async () => (await verifier.verify(second.plaintext)) === null)).toBe(true);
    expect(await verifier.verify(third.plaintext)).not.toBeNull();
    const actions = (
      await testDb().select().from(auditEvents).where(eq(auditEvents.workspaceId, workspace.id))
    ).map((a) => a.action);
    expect(actions.filter((a) => a === 'api_key.rotated')).toHaveLength(2);
    await verifier.close();
  });

  it('revocation stops the key at once on every instance, despite their caches', async () => {
    const { user, workspace } = await makeUser();
    const created = await createApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      input: {
        name: 'rev',
        scopes: ['jobs:read'],
      },
    });
    const a = await createApiKeyVerifier(testDb(), { ttlMs: 3_600_000 });
    const b = await createApiKeyVerifier(otherInstanceDb, { ttlMs: 3_600_000 });
    expect(await a.verify(created.plaintext)).not.toBeNull();
    expect(await b.verify(created.plaintext)).not.toBeNull();
    await revokeApiKey(testDb(), { workspaceId: workspace.id, userId: user.id, keyId: created.key.id });
    expect(
      await waitFor(
        async () =>
          (await a.verify(created.plaintext)) === null && (await b.verify(created.plaintext)) === null,
      ),
    ).toBe(true);
    const other = await makeUser();
    await expect(
      revokeApiKey(testDb(), {
        workspaceId: other.workspace.id,
        userId: other.user.id,
        keyId: created.key.id,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await a.close();
    await b.close();
  });
});

describe('who manages keys', () => {
  it('only an owner creates, rotates and revokes them; a member gets FORBIDDEN and changes nothing', async () => {
    const { user: owner, workspace } = await makeUser();
    const { user: member } = await makeMember(workspace.id);
    const input = { name: 'k', scopes: ['jobs:read' as const] };
    await expect(
      createApiKey(testDb(), { workspaceId: workspace.id, userId: member.id, input }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Only a workspace owner can create API keys.' });
    const created = await createApiKey(testDb(), { workspaceId: workspace.id, userId: owner.id, input });
    await expect(
      rotateApiKey(testDb(), { workspaceId: workspace.id, userId: member.id, keyId: created.key.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Only a workspace owner can rotate API keys.' });
    await expect(
      revokeApiKey(testDb(), { workspaceId: workspace.id, userId: member.id, keyId: created.key.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Only a workspace owner can revoke API keys.' });
    expect((await listApiKeys(testDb(), workspace.id)).map((k) => [k.id, k.status])).toEqual([
      [created.key.id, 'active'],
    ]);
    expect(
      await revokeApiKey(testDb(), { workspaceId: workspace.id, userId: owner.id, keyId: created.key.id }),
    ).toMatchObject({ status: 'revoked' });
  });
});

describe("the ceiling of a key's rate limit", () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is 3,000 requests per minute by default; above it creation is refused with the ceiling named', async () => {
    vi.stubEnv('LEVQOR_API_KEY_MAX_RATE_LIMIT', '');
    const { user, workspace } = await makeUser();
    const ids = { workspaceId: workspace.id, userId: user.id };
    const at = await createApiKey(testDb(), {
      ...ids,
      input: { name: 'at', scopes: ['jobs:read'], rate_limit_per_min: 3_000 },
    });
    expect(at.key.rate_limit_per_min).toBe(3_000);
    await expect(
      createApiKey(testDb(), {
        ...ids,
        input: { name: 'over', scopes: ['jobs:read'], rate_limit_per_min: 3_001 },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: "A key's rate limit is at most 3000 requests per minute in this workspace (asked for 3001).",
    });
    expect((await listApiKeys(testDb(), workspace.id)).map((k) => k.name)).toEqual(['at']);
  });

  it('is raised by the operator with LEVQOR_API_KEY_MAX_RATE_LIMIT, and rotation never exceeds a lowered one', async () => {
    const { user, workspace } = await makeUser();
    const ids = { workspaceId: workspace.id, userId: user.id };
    vi.stubEnv('LEVQOR_API_KEY_MAX_RATE_LIMIT', '20000');
    const fast = await createApiKey(testDb(), {
      ...ids,
      input: { name: 'fast', scopes: ['jobs:read'], rate_limit_per_min: 20_000 },
    });
    expect(fast.key.rate_limit_per_min).toBe(20_000);
    vi.stubEnv('LEVQOR_API_KEY_MAX_RATE_LIMIT', '1000');
    const rotated = await rotateApiKey(testDb(), { ...ids, keyId: fast.key.id });
    expect(rotated.key.rate_limit_per_min).toBe(1_000);
    vi.stubEnv('LEVQOR_API_KEY_MAX_RATE_LIMIT', 'lots');
    await expect(
      createApiKey(testDb(), { ...ids, input: { name: 'x', scopes: ['jobs:read'] } }),
    ).rejects.toThrow('Invalid environment variable LEVQOR_API_KEY_MAX_RATE_LIMIT');
  });
});

describe('the verifier cache and revocation races', () => {
  it('never caches an answer read before a revocation whose notice arrived during the lookup', async () => {
    const { user, workspace } = await makeUser();
    const ids = { workspaceId: workspace.id, userId: user.id };
    const created = await createApiKey(testDb(), { ...ids, input: { name: 'race', scopes: ['jobs:read'] } });
    let raced = false;
    let noticed!: () => void;
    const notice = new Promise<void>((r) => {
      noticed = r;
    });
    const verifier = await createApiKeyVerifier(otherInstanceDb, {
      ttlMs: 3_600_000,
      hooks: {
        // The key has just been read as valid; before that answer is cached, the key is revoked and the
        // revocation's NOTIFY reaches this verifier.
        async afterLoad() {
          if (raced) return;
          raced = true;
          await revokeApiKey(testDb(), { ...ids, keyId: created.key.id });
          await notice;
        },
        onInvalidated: (hash) => {
          if (hash === hashKey(created.plaintext)) noticed();
        },
      },
    });
    expect(await verifier.verify(created.plaintext)).toBeNull();
    expect(raced).toBe(true);
    // Nothing stale was cached (it would have been honoured for the whole TTL, here an hour).
    expect(await verifier.verify(created.plaintext)).toBeNull();
    await verifier.close();
  });

  it('empties its cache when its listener reconnects: notices sent meanwhile may have been missed', async () => {
    const appName = `levqor-verifier-${randomBytes(4).toString('hex')}`;
    const own = createDb(process.env.DATABASE_URL!, { max: 2, appName });
    try {
      const { user, workspace } = await makeUser();
      const created = await createApiKey(testDb(), {
        workspaceId: workspace.id,
        userId: user.id,
        input: { name: 'missed', scopes: ['jobs:read'] },
      });
      let reset!: () => void;
      const resetDone = new Promise<void>((r) => {
        reset = r;
      });
      const verifier = await createApiKeyVerifier(own, {
        ttlMs: 3_600_000,
        hooks: { onReset: () => reset() },
      });
      expect(await verifier.verify(created.plaintext)).not.toBeNull();
      // Revoked without a notice reaching the verifier (as while its listener is disconnected).
      await testDb().update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, created.key.id));
      expect(await verifier.verify(created.plaintext)).not.toBeNull(); // still the cached answer
      await testDb().execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${appName} and query ilike 'listen%'`,
      );
      await resetDone;
      expect(await verifier.verify(created.plaintext)).toBeNull();
      await verifier.close();
    } finally {
      await own.$client.end();
    }
  });
});
