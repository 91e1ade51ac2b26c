import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey } from '@levqor/core';
import { makeUser, testDb } from '@levqor/testing';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTypes } from './client-types';
import type { paths } from './generated/levqor-api';
import { openApiDocument } from './openapi-document';
import { startRestTestServer } from './test-server';

const pkg = fileURLToPath(new URL('../..', import.meta.url));
let rest: Awaited<ReturnType<typeof startRestTestServer>>;

beforeAll(async () => {
  rest = await startRestTestServer();
});
afterAll(() => rest.close());

describe('the OpenAPI document', () => {
  it('lints clean with Redocly (recommended rules: no error, no warning)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'levqor-openapi-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(openApiDocument('https://levqor.dev')));
    const res = spawnSync(join(pkg, 'node_modules/.bin/redocly'), ['lint', file, '--format=json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const report = JSON.parse(res.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { message: string }[];
    };
    expect(report.problems.map((p) => p.message)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(res.status).toBe(0);
  });

  it('is OpenAPI 3.1 with examples and problem+json errors on every operation', () => {
    const doc = openApiDocument('https://levqor.dev') as unknown as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { example?: unknown }> }> }>
      >;
    };
    expect(doc.openapi.startsWith('3.1')).toBe(true);
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        operations++;
        const success = Object.entries(op.responses).find(([code]) => Number(code) < 300);
        expect(
          success?.[1].content?.['application/json']?.example,
          `${method} ${path} example`,
        ).toBeDefined();
        const errors = Object.entries(op.responses).filter(([code]) => Number(code) >= 400);
        expect(errors.length, `${method} ${path} errors`).toBeGreaterThan(1);
        for (const [, r] of errors)
          expect(Object.keys(r.content ?? {})).toEqual(['application/problem+json']);
      }
    }
    expect(operations).toBe(23);
  });

  it('matches the committed client types (regenerate with `pnpm --filter @levqor/api openapi:types`)', async () => {
    const committed = readFileSync(join(pkg, 'src/rest/generated/levqor-api.ts'), 'utf8');
    expect(committed).toBe(await clientTypes());
  });
});

describe('a typed client generated from the document', () => {
  it('submits a job and reads it back', async () => {
    const { user, workspace } = await makeUser();
    const { plaintext } = await createApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      input: {
        name: 'typed',
        scopes: ['jobs:read', 'jobs:write'],
      },
    });
    const client = createClient<paths>({
      baseUrl: `${rest.base}/api/v1`,
      headers: { authorization: `Bearer ${plaintext}` },
    });
    const submitted = await client.POST('/jobs', {
      body: { workflow: 'demo.flow', payload: { typed: true }, priority: 'high', tags: ['sdk'] },
    });
    expect(submitted.response.status).toBe(202);
    const id = submitted.data!.id;
    const read = await client.GET('/jobs/{id}', { params: { path: { id } } });
    expect(read.data).toMatchObject({
      id,
      workflow: 'demo.flow',
      priority: 'high',
      tags: ['sdk'],
      payload: { typed: true },
    });
    expect(read.data!.steps.map((s) => s.id)).toEqual(['echo']);
    const missing = await client.GET('/jobs/{id}', { params: { path: { id: 'job_missing' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, type: 'https://levqor.dev/problems/job-not-found' });
  });
});
