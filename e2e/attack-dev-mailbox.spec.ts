import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { fresh, outsideAddress } from './support/attack';
import { newestSignInLink, rawRequest, requestLinkAs, trpcQuery } from './support/raw-http';
import { startWebProcess } from './support/second-web-server';

/**
 * Issue E 1: the dev mailbox holds every sign-in link. In local mode the apps listen on loopback only,
 * and the mailbox (page and tRPC procedures) answers only a caller whose socket address is loopback.
 */
const REPO_ROOT = join(import.meta.dirname, '..');
const outside = outsideAddress();

test.describe('attack: the dev mailbox from the network', () => {
  test('the launcher starts the apps on loopback only: a non-loopback address of this machine is refused', async () => {
    test.skip(!outside, 'this machine has no non-loopback address');
    for (const port of [3000, 3001, 3002]) {
      const err = await rawRequest(`http://${outside}:${port}/api/health`).then(
        () => null,
        (e: NodeJS.ErrnoException) => e.code,
      );
      expect(err, `port ${port} on ${outside}`).toBe('ECONNREFUSED');
    }
    for (const url of ['http://127.0.0.1:3000/dev/mailbox', 'http://[::1]:3000/dev/mailbox']) {
      const res = await rawRequest(url);
      expect(res.status, url).toBe(200);
      expect(res.body).toContain('Dev mailbox');
    }
  });

  test('opened to the network (LEVQOR_HOST=0.0.0.0), the mailbox answers 404 to a non-loopback caller and the mailbox to a loopback one; printed links are redacted', async () => {
    test.skip(!outside, 'this machine has no non-loopback address');
    const server = await startWebProcess(3011, { env: { LEVQOR_HOST: '0.0.0.0' } });
    try {
      const remote = `http://${outside}:3011`;
      const local = 'http://127.0.0.1:3011';
      // A caller from the network: the page, a message page and both procedures are not there.
      for (const path of ['/dev/mailbox', '/dev/mailbox/mail_00000000000000000000000000']) {
        const res = await rawRequest(`${remote}${path}`, { from: outside });
        expect(res.status, path).toBe(404);
        expect(res.body).toContain('Page not found'); // the app's own not-found page
        expect(res.body).not.toContain('Every email Levqor sends');
      }
      expect((await trpcQuery(remote, 'devMailbox.list', { limit: 5 }, { from: outside })).status).toBe(404);
      expect((await trpcQuery(remote, 'devMailbox.get', { id: 'mail_x' }, { from: outside })).status).toBe(
        404,
      );
      // Headers claiming loopback buy nothing: the app server removes every x-levqor-* header it is sent.
      const spoofed = await trpcQuery(
        remote,
        'devMailbox.list',
        { limit: 5 },
        {
          from: outside,
          headers: { 'x-levqor-loopback': '1', 'x-levqor-proof': 'guess', 'x-levqor-client-ip': '127.0.0.1' },
        },
      );
      expect(spoofed.status).toBe(404);
      // The same server, called over loopback: the mailbox.
      const page = await rawRequest(`${local}/dev/mailbox`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Dev mailbox');
      expect((await trpcQuery(local, 'devMailbox.list', { limit: 5 })).status).toBe(200);
      // Loopback, but through a proxy (it says so): not local.
      const proxied = await rawRequest(`${local}/dev/mailbox`, {
        headers: { 'x-forwarded-for': '203.0.113.5' },
      });
      expect(proxied.status).toBe(404);

      // Reachable from the network, this server never prints a sign-in token to its log.
      const email = fresh('printed');
      expect((await requestLinkAs(local, email, '127.0.0.31')).status).toBe(200);
      const token = new URL(await newestSignInLink(email, local, local)).searchParams.get('token')!;
      await expect.poll(() => server.output()).toContain(`to=${email}`);
      expect(server.output()).not.toContain(token);
      expect(server.output()).toContain('token=[redacted]');
    } finally {
      await server.stop();
    }
  });

  test('on loopback only (the default), a printed sign-in link is marked as live and local', async () => {
    const server = await startWebProcess(3016);
    try {
      const url = 'http://127.0.0.1:3016';
      const email = fresh('printed-local');
      expect((await requestLinkAs(url, email, '127.0.0.32')).status).toBe(200);
      const token = new URL(await newestSignInLink(email, url, url)).searchParams.get('token')!;
      await expect.poll(() => server.output()).toContain(token);
      expect(server.output()).toMatch(
        new RegExp(`to=${email.replace(/[.+]/g, '\\$&')} .*\\(local, loopback only: links below are live`),
      );
      expect(server.output()).toMatch(
        /web listening on http:\/\/127\.0\.0\.1:3016 and http:\/\/\[::1\]:3016/,
      );
    } finally {
      await server.stop();
    }
  });

  test('without an app server (plain next start) nothing is trusted: the mailbox is not there, even over loopback', async () => {
    const direct = await startWebProcess(3018, { direct: true });
    try {
      expect((await rawRequest(`${direct.url}/dev/mailbox`)).status).toBe(404);
      const forged = await trpcQuery(
        direct.url,
        'devMailbox.list',
        { limit: 5 },
        { headers: { 'x-levqor-loopback': '1', 'x-levqor-proof': 'guess' } },
      );
      expect(forged.status).toBe(404);
    } finally {
      await direct.stop();
    }
  });

  test('LEVQOR_DEV_MAILBOX=1 outside local mode stops the app server and the launcher at start, with one clear line', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      LEVQOR_LOCAL: '',
      LEVQOR_DEV_MAILBOX: '1',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
      NEXTAUTH_SECRET: 'x'.repeat(32),
      LEVQOR_SECRET: 'y'.repeat(32),
      RESEND_API_KEY: 're_test',
      LEVQOR_EMAIL_FROM: 'Levqor <no-reply@example.com>',
      LEVQOR_WEB_URL: 'https://app.example.com',
      LEVQOR_ADMIN_URL: 'https://admin.example.com',
      LEVQOR_DEVELOPERS_URL: 'https://developers.example.com',
      PORT: '3017',
    };
    const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    for (const [name, args, cwd] of [
      ['app server', [join(REPO_ROOT, 'apps', 'web', 'server.ts')], join(REPO_ROOT, 'apps', 'web')],
      ['launcher', [join(REPO_ROOT, 'packages', 'cli', 'src', 'main.ts'), 'start'], REPO_ROOT],
    ] as const) {
      const run = spawnSync(tsx, [...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
      expect(run.status, name).toBe(1);
      expect(run.stderr, name).toContain('LEVQOR_DEV_MAILBOX=1 is refused outside local mode');
    }
  });
});
