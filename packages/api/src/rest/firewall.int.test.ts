import { API_SCOPES, createApiKey } from '@levqor/core';
import { and, eq, securityEvents, sql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { trpcHttp } from '../test-client';
import { startRestTestServer } from './test-server';

let rest: Awaited<ReturnType<typeof startRestTestServer>>;
let key = '';
let workspaceId = '';
let session: { id: string; email: string; name: string | null; role: 'user' | 'admin' };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${rest.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    json: (await res.json()) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  rest = await startRestTestServer();
  const { user, workspace } = await makeUser();
  session = { id: user.id, email: user.email, name: user.name, role: 'user' };
  workspaceId = workspace.id;
  key = (
    await createApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      input: {
        name: 'fw',
        scopes: [...API_SCOPES],
        rate_limit_per_min: 1000,
      },
    })
  ).plaintext;
});
afterAll(() => rest.close());

const mode = process.env.LEVQOR_FIREWALL_MODE;
afterEach(() => {
  if (mode === undefined) delete process.env.LEVQOR_FIREWALL_MODE;
  else process.env.LEVQOR_FIREWALL_MODE = mode;
});

function expect422(res: Awaited<ReturnType<typeof call>>, category: string, term: string, where: string) {
  expect(res.status).toBe(422);
  expect(res.type).toContain('application/problem+json');
  expect(res.json).toMatchObject({
    type: 'https://levqor.dev/problems/high-risk-data',
    title: 'High-risk data',
    status: 422,
    request_id: expect.any(String),
  });
  expect(res.json.detail).toBe(
    `High-risk ${category} data refused: the term "${term}" (category "${category}") was found in ${where}. Levqor does not process ${category} data; remove it and try again.`,
  );
}

describe('high-risk data firewall over the REST API', () => {
  it('POST /jobs: 422 problem+json naming category and term, for each built-in category', async () => {
    for (const [payload, category, term, where] of [
      [{ ssn: 'Social Security Number: 078-05-1120' }, 'financial', 'social security number', 'payload.ssn'],
      [{ text: 'We will SUE.' }, 'legal', 'sue', 'payload.text'],
      [['ok', { n: 'Diagnosis: flu' }], 'medical', 'diagnosis', 'payload[1].n'],
    ] as const) {
      const res = await call(
        'POST',
        '/jobs',
        { workflow: 'demo.flow', payload },
        { 'x-request-id': 'req-fw-rest' },
      );
      expect422(res, category, term, where);
      expect(res.json.request_id).toBe('req-fw-rest');
    }
    const logged = await testDb()
      .select()
      .from(securityEvents)
      .where(
        and(
          eq(securityEvents.type, 'firewall.blocked'),
          eq(securityEvents.requestId, 'req-fw-rest'),
          sql`${securityEvents.metadata}->>'workspace_id' = ${workspaceId}`,
        ),
      );
    expect(logged.map((e) => (e.metadata as { category: string }).category).sort()).toEqual([
      'financial',
      'legal',
      'medical',
    ]);
  });

  it('POST /intake (original contract) is screened too', async () => {
    expect422(
      await call('POST', '/intake', { workflow: 'demo.flow', payload: { note: 'lawsuit' } }),
      'legal',
      'lawsuit',
      'payload.note',
    );
  });

  it('the known false positives are accepted (202)', async () => {
    const res = await call('POST', '/jobs', {
      workflow: 'demo.flow',
      payload: {
        text: 'issue: pursue the suede, tissue and lawn; bankrupt-proof?',
        n: ['archive', 'be patient'],
      },
    });
    expect(res.status).toBe(202);
    expect(res.json.warnings).toEqual([]);
  });

  it('warn mode: 202 with the warning on the job', async () => {
    process.env.LEVQOR_FIREWALL_MODE = 'warn';
    const res = await call('POST', '/jobs', { workflow: 'demo.flow', payload: { note: 'Credit score 712' } });
    expect(res.status).toBe(202);
    expect(res.json.warnings).toEqual([
      'High-risk financial data: the term "credit score" (category "financial") was found in payload.note; accepted because the category is in warn mode.',
    ]);
    const again = await call('GET', `/jobs/${res.json.id as string}`);
    expect(again.json.warnings).toEqual(res.json.warnings);
  });

  it('POST /workflows and PATCH /workflows/{id}: 422 for a high-risk definition', async () => {
    expect422(
      await call('POST', '/workflows', {
        slug: 'intake-fw',
        name: 'Intake',
        steps: [{ id: 'ask', type: 'email', to: 'owner', subject: 'New lawsuit filed', body: 'x' }],
      }),
      'legal',
      'lawsuit',
      'workflow.steps[0].subject',
    );
    const created = await call('POST', '/workflows', {
      slug: 'ok-fw',
      name: 'Issues',
      steps: [{ id: 't', type: 'transform', expression: 'input' }],
    });
    expect(created.status).toBe(201);
    expect422(
      await call('PATCH', `/workflows/${created.json.id as string}`, { description: 'bank account numbers' }),
      'financial',
      'bank account number',
      'workflow.description',
    );
  });

  it('tRPC answers UNPROCESSABLE_CONTENT with the same message', async () => {
    const res = await trpcHttp(
      session,
      'workflows.create',
      { slug: 'trpc-fw', name: 'HIPAA export', steps: [{ id: 't', type: 'transform', expression: 'input' }] },
      'POST',
    );
    expect(res.status).toBe(422);
    expect(res.json.error?.json.message).toBe(
      'High-risk medical data refused: the term "hipaa" (category "medical") was found in workflow.name. Levqor does not process medical data; remove it and try again.',
    );
    expect(res.json.error?.json.data).toMatchObject({ code: 'UNPROCESSABLE_CONTENT', httpStatus: 422 });
  });
});
