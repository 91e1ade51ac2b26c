import { API_SCOPES, createApiKey, type EventSender, setWorkspacePlan } from '@levqor/core';
import { makeUser, testDb } from '@levqor/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestTestServer } from './test-server';

/**
 * 1,000 generated malformed requests to `POST /api/v1/jobs` over real HTTP: every answer is a 4xx with
 * a problem+json body, or a 202 with a job — never a 5xx. Reproduce a failure with
 * LEVQOR_FUZZ_SEED=<seed printed by fast-check>.
 */
const RUNS = 1_000;

interface Attempt {
  kind: string;
  contentType: string | null;
  body: string | Uint8Array;
}

let rest: Awaited<ReturnType<typeof startRestTestServer>>;
let key = '';

// Accepted jobs are written for real, but no engine run is queued: the product-flow tests own `jobs.run`.
const noEngine: EventSender = { send: async () => {}, flush: async () => {} };

beforeAll(async () => {
  rest = await startRestTestServer();
  rest.deps.events = noEngine;
  const { user, workspace } = await makeUser();
  // Business: its API limit (3,000/min) leaves the key's own limit in charge.
  await setWorkspacePlan(testDb(), { workspaceId: workspace.id, plan: 'business', actor: 'system' });
  key = (
    await createApiKey(testDb(), {
      workspaceId: workspace.id,
      userId: user.id,
      input: {
        name: 'fuzz',
        scopes: [...API_SCOPES],
        // RUNS requests within a minute, under the default ceiling of a key's limit (3,000).
        rate_limit_per_min: 2 * RUNS,
      },
    })
  ).plaintext;
});
afterAll(() => rest.close());

// ---------------------------------------------------------------------------------------------
// Generators

const json = (v: unknown) => JSON.stringify(v) ?? 'null';
const JSON_TYPE = 'application/json';

/** Characters that break things: NUL, lone surrogates, BOM, RTL override, quotes, escapes, emoji. */
const nastyChar = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udfff',
  '\ufeff',
  '\uffff',
  '\u202e',
  '\u2028',
  '"',
  '\\',
  '\n',
  'é',
  '😀',
  'a',
  ' ',
  '{',
  '%00',
);
const nastyString = fc.oneof(
  fc.string({ unit: nastyChar, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

const hugeString = fc
  .record({ n: fc.integer({ min: 10_000, max: 700_000 }), c: fc.constantFrom('x', 'é', '😀', '\u0000', ' ') })
  .map(({ n, c }) => c.repeat(Math.ceil(n / c.length)));

const numberish = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308, 5e-324),
);

/** Any value a field could wrongly hold. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: nastyString },
  { weight: 1, arbitrary: numberish },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, '', ' ', 'null', '0', 'demo.flow') },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 12 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 5 }) },
);

const base = () => ({
  workflow: 'demo.flow',
  payload: { x: 1 },
  priority: 'normal',
  tags: ['t'],
});
const FIELDS = ['workflow', 'payload', 'priority', 'callback_url', 'tags', 'idempotency_key'] as const;

/** A valid request with one field (or an extra key) wrong. */
const wrongField = fc
  .record({
    field: fc.oneof(
      fc.constantFrom(...FIELDS),
      fc.constantFrom('__proto__', 'constructor', 'extra'),
      nastyString,
    ),
    value: wrongValue,
    also: fc.option(fc.constantFrom(...FIELDS)),
    alsoValue: wrongValue,
  })
  .map(({ field, value, also, alsoValue }): Attempt => {
    const body: Record<string, unknown> = base();
    Object.defineProperty(body, field, { value, enumerable: true, writable: true, configurable: true });
    if (also) body[also] = alsoValue;
    return { kind: `field:${field}`, contentType: JSON_TYPE, body: json(body) };
  });

/** An arbitrary JSON document (top level of any type). */
const anyJson = fc
  .jsonValue({ maxDepth: 5 })
  .map((v): Attempt => ({ kind: 'any-json', contentType: JSON_TYPE, body: json(v) }));

/** Huge strings in each field, and huge payloads around the 200 KB and 512 KB limits. */
const huge = fc
  .record({ field: fc.constantFrom(...FIELDS, 'payload.deep'), s: hugeString })
  .map(({ field, s }): Attempt => {
    const body: Record<string, unknown> = base();
    if (field === 'payload.deep') body.payload = { a: [{ b: s }] };
    else body[field] = s;
    return { kind: `huge:${field}`, contentType: JSON_TYPE, body: json(body) };
  });

/** Deep nesting of arrays or objects, as the payload or as the whole body. */
const deep = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 200, max: 120_000 })),
    kind: fc.constantFrom('array', 'object'),
    where: fc.constantFrom('payload', 'body', 'tags'),
  })
  .map(({ depth, kind, where }): Attempt => {
    const nest =
      kind === 'array'
        ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
        : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const body = where === 'body' ? nest : `{"workflow":"demo.flow","${where}":${nest}}`;
    return { kind: `deep:${where}:${kind}`, contentType: JSON_TYPE, body };
  });

/** Text that is not JSON: random, truncated, trailing garbage, JSON5-isms, BOMs. */
const notJson = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: nastyChar, maxLength: 50 }),
    fc.record({ v: fc.jsonValue({ maxDepth: 3 }), cut: fc.nat() }).map(({ v, cut }) => {
      const s = json({ workflow: 'demo.flow', payload: v });
      return s.slice(0, cut % s.length);
    }),
    fc
      .record({ v: fc.jsonValue({ maxDepth: 2 }), junk: nastyString })
      .map(({ v, junk }) => `${json(v)}${junk}x`),
    fc.constantFrom(
      'NaN',
      'undefined',
      "{'workflow':'demo.flow'}",
      '{"workflow":"demo.flow",}',
      '{"workflow":"demo.flow"} // comment',
      '\ufeff{"workflow":"demo.flow"}',
      '{"workflow":"demo.flow","payload":01}',
      '{"workflow":"demo.flow","payload":"\\x41"}',
      '{"workflow":"demo.flow","payload":"\\ud800"}',
      '{"workflow":"demo.flow","payload":{"a":"\\u0000"}}',
      '{"workflow":"demo.flow","payload":{"\\u0000":1}}',
      '{"workflow":"demo\\u0000flow"}',
      '{"workflow":"demo.flow","idempotency_key":"k\\u0000"}',
      '{"workflow":"demo.flow","callback_url":"https://x.example/\\u0000"}',
      '{"workflow":"demo.flow","payload":1e999}',
      '{"__proto__":{"workflow":"demo.flow"}}',
      '{"workflow":"demo.flow","workflow":"other"}',
      '[]',
      '""',
      '0',
      'null',
    ),
  )
  .map((body): Attempt => ({ kind: 'not-json', contentType: JSON_TYPE, body }));

/** Bytes that are not valid UTF-8, alone or inside a JSON string. */
const badUtf8 = fc
  .oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.uint8Array({ minLength: 1, maxLength: 20 }).map((bytes) => {
      const enc = new TextEncoder();
      return new Uint8Array([
        ...enc.encode('{"workflow":"demo.flow","payload":{"s":"'),
        ...bytes.map((b) => (b === 0x22 || b === 0x5c ? 0xff : b)),
        ...enc.encode('"}}'),
      ]);
    }),
    fc.constantFrom(
      new Uint8Array([0xc0, 0xaf]),
      new Uint8Array([0xed, 0xa0, 0x80]),
      new Uint8Array([0xf4, 0x90, 0x80, 0x80]),
      new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
    ),
  )
  .map((body): Attempt => ({ kind: 'bad-utf8', contentType: JSON_TYPE, body }));

/** Wrong, odd or missing content types, with a valid or a broken body. */
const wrongType = fc
  .record({
    contentType: fc.constantFrom(
      null,
      '',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      'application/jsonp',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/problem+json',
      'APPLICATION/JSON',
      'application/json; charset=utf-16',
      'application/json;;;',
      'application/json; boundary=x; charset="utf-8"',
      '*/*',
    ),
    body: fc.oneof(
      fc.constant(json({ workflow: 'demo.flow' })),
      fc.constant('workflow=demo.flow&payload=1'),
      fc.string({ unit: 'binary', maxLength: 100 }),
    ),
  })
  .map(({ contentType, body }): Attempt => ({ kind: `type:${contentType}`, contentType, body }));

const attempt = fc.oneof(
  { weight: 6, arbitrary: wrongField },
  { weight: 3, arbitrary: anyJson },
  { weight: 1, arbitrary: huge },
  { weight: 2, arbitrary: deep },
  { weight: 3, arbitrary: notJson },
  { weight: 2, arbitrary: badUtf8 },
  { weight: 2, arbitrary: wrongType },
);

// ---------------------------------------------------------------------------------------------

async function send(a: Attempt) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (a.contentType !== null) headers['content-type'] = a.contentType;
  const res = await fetch(`${rest.base}/api/v1/jobs`, {
    method: 'POST',
    headers,
    body: typeof a.body === 'string' ? a.body : Buffer.from(a.body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('POST /api/v1/jobs under 1,000 generated malformed bodies', () => {
  it('never answers 5xx: a 4xx problem+json or a 202 job, every time', { timeout: 300_000 }, async () => {
    const seen = new Map<number, number>();
    const kinds = new Set<string>();
    let runs = 0;
    const seed = process.env.LEVQOR_FUZZ_SEED ? Number(process.env.LEVQOR_FUZZ_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(attempt, async (a) => {
        runs++;
        kinds.add(a.kind.split(':')[0]!);
        const res = await send(a);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const where = `${a.kind} → ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status === 202 || (res.status >= 400 && res.status < 500), where).toBe(true);
        const body = JSON.parse(res.text) as Record<string, unknown>;
        if (res.status === 202) {
          expect(res.type, where).toContain('application/json');
          expect(body.id, where).toMatch(/^job_/);
        } else {
          expect(res.type, where).toContain('application/problem+json');
          expect(body, where).toMatchObject({
            type: expect.stringMatching(/^https:\/\/levqor\.dev\/problems\//),
            title: expect.any(String),
            status: res.status,
            detail: expect.any(String),
            request_id: expect.any(String),
          });
        }
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
    expect(runs).toBe(RUNS);
    expect([...kinds].sort()).toEqual(['any-json', 'bad-utf8', 'deep', 'field', 'huge', 'not-json', 'type']);
    // The generators reach the 4xx families and acceptance, not just one refusal.
    for (const status of [202, 400, 404, 413, 415])
      expect(seen.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    console.info(JSON.stringify({ msg: 'fuzz.statuses', runs, statuses: Object.fromEntries(seen) }));
  });
});
