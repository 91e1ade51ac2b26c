import { apiKeys, auditEvents, createDb, eq } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey, isWellFormedKey } from './key-format';
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
    const created = await createApiKey(testDb(), workspace.id, user.id, {
      name: 'CI',
      scopes: ['jobs:read', 'jobs:write'],
    });
    const [row] = await testDb().select().from(apiKeys).where(eq(apiKeys.id, created.key.id));
    expect(JSON.stringify(row)).not.toContain(created.plaintext);
    const verifier = await createApiKeyVerifier(testDb());
    const principal = await verifier.verify(created.plaintext);
    expect(principal).toMatchObject({
      keyId: created.key.id,
      workspaceId: workspace.id,
      scopes: ['jobs:read', 'jobs:write'],
      rateLimitPerMin: 600,
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
    const created = await createApiKey(testDb(), workspace.id, user.id, {
      name: 'soon',
      scopes: ['jobs:read'],
      expires_at: new Date(Date.now() + 300),
    });
    const verifier = await createApiKeyVerifier(testDb(), { listen: false });
    expect(await verifier.verify(created.plaintext)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(await verifier.verify(created.plaintext)).toBeNull();
    expect((await listApiKeys(testDb(), workspace.id))[0]!.status).toBe('expired');
  });

  it('rotation keeps the old key during the grace and stops it after', async () => {
    const { user, workspace } = await makeUser();
    const first = await createApiKey(testDb(), workspace.id, user.id, {
      name: 'rot',
      scopes: ['usage:read'],
      rate_limit_per_min: 42,
    });
    const verifier = await createApiKeyVerifier(testDb());
    await verifier.verify(first.plaintext); // cached
    const second = await rotateApiKey(testDb(), workspace.id, user.id, first.key.id, { grace: '1h' });
    expect(second.key).toMatchObject({
      name: 'rot',
      scopes: ['usage:read'],
      rate_limit_per_min: 42,
      status: 'active',
    });
    expect(await verifier.verify(first.plaintext)).not.toBeNull();
    expect(await verifier.verify(second.plaintext)).not.toBeNull();
    await expect(rotateApiKey(testDb(), workspace.id, user.id, first.key.id)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const third = await rotateApiKey(testDb(), workspace.id, user.id, second.key.id, { grace: 'now' });
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
    const created = await createApiKey(testDb(), workspace.id, user.id, {
      name: 'rev',
      scopes: ['jobs:read'],
    });
    const a = await createApiKeyVerifier(testDb(), { ttlMs: 3_600_000 });
    const b = await createApiKeyVerifier(otherInstanceDb, { ttlMs: 3_600_000 });
    expect(await a.verify(created.plaintext)).not.toBeNull();
    expect(await b.verify(created.plaintext)).not.toBeNull();
    await revokeApiKey(testDb(), workspace.id, user.id, created.key.id);
    expect(
      await waitFor(
        async () =>
          (await a.verify(created.plaintext)) === null && (await b.verify(created.plaintext)) === null,
      ),
    ).toBe(true);
    const other = await makeUser();
    await expect(
      revokeApiKey(testDb(), other.workspace.id, other.user.id, created.key.id),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await a.close();
    await b.close();
  });
});
