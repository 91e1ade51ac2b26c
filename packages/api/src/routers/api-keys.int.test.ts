import { makeUser } from '@levqor/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../context';
import { trpcHttp } from '../test-client';

async function owner(): Promise<SessionUser> {
  const { user } = await makeUser();
  return { id: user.id, email: user.email, name: user.name, role: 'user' };
}

describe('apiKeys over HTTP', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('refuses a rate limit above the workspace ceiling with 400, and tells the form the ceiling', async () => {
    vi.stubEnv('LEVQOR_API_KEY_MAX_RATE_LIMIT', '1500');
    const me = await owner();
    const limits = await trpcHttp(me, 'apiKeys.limits', undefined);
    expect(limits.json.result!.data.json).toEqual({ max_rate_limit_per_min: 1_500 });
    const over = await trpcHttp(
      me,
      'apiKeys.create',
      { name: 'greedy', scopes: ['jobs:read'], rate_limit_per_min: 1_501 },
      'POST',
    );
    expect(over.status).toBe(400);
    expect(over.json.error!.json.message).toBe(
      "A key's rate limit is at most 1500 requests per minute in this workspace (asked for 1501).",
    );
    const at = await trpcHttp(
      me,
      'apiKeys.create',
      { name: 'fair', scopes: ['jobs:read'], rate_limit_per_min: 1_500 },
      'POST',
    );
    expect(at.status).toBe(200);
  });
});
