import { expect, test } from '@playwright/test';
import { APPS, DEVELOPERS_URL } from './urls';

for (const app of APPS) {
  test(`health: ${app.service} answers /api/health and /api/health/ready`, async ({ request }) => {
    const health = await request.get(`${app.url}/api/health`);
    expect(health.status()).toBe(200);
    expect(health.headers()['content-type']).toContain('application/json');
    const body = await health.json();
    expect(body).toMatchObject({ ok: true, service: app.service });
    expect(typeof body.version).toBe('string');
    expect(Number.isNaN(Date.parse(body.ts))).toBe(false);

    const ready = await request.get(`${app.url}/api/health/ready`);
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, service: app.service });
  });
}

test('health: the developers production server answers /health and the OpenAPI document', async ({
  request,
}) => {
  const health = await request.get(`${DEVELOPERS_URL}/health`);
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true });

  const doc = await request.get(`${DEVELOPERS_URL}/api/v1/openapi.json`);
  expect(doc.status()).toBe(200);
  const body = await doc.json();
  expect(body.openapi).toMatch(/^3\.1\./);
  expect(Object.keys(body.paths ?? {}).length).toBeGreaterThan(0);
});
