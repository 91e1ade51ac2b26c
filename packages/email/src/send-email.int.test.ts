import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testDb, uniqueEmail } from '@levqor/testing';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDevMail, listDevMail } from './dev-mailbox';
import { sendEmail } from './send-email';
import { MagicLinkEmail } from './templates/magic-link';

const received: { path: string; auth: string | undefined; body: Record<string, unknown> }[] = [];
const fakeResend = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => {
    raw += c;
  });
  req.on('end', () => {
    received.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(raw) });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'resend_msg_123' }));
  });
});
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((r) => fakeResend.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(fakeResend.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => fakeResend.close(() => r())));

const magic = (url: string) => createElement(MagicLinkEmail, { url, host: 'localhost:3000' });

describe('sendEmail', () => {
  it('stores the message in the dev mailbox locally, rendered with its link', async () => {
    const to = uniqueEmail('mailbox');
    const sent = await sendEmail(
      testDb(),
      { to, subject: 'Sign in', react: magic('http://localhost:3000/api/auth/callback/email?token=abc') },
      { NODE_ENV: 'development' },
    );
    expect(sent.transport).toBe('dev-mailbox');
    const mail = await getDevMail(testDb(), sent.id);
    expect(mail?.to).toBe(to);
    expect(mail?.html).toContain('href="http://localhost:3000/api/auth/callback/email?token=abc"');
    expect(mail?.text).toContain('http://localhost:3000/api/auth/callback/email?token=abc');
    const page = await listDevMail(testDb(), { limit: 200 });
    expect(page.items.some((m) => m.id === sent.id)).toBe(true);
  });

  it('sends through Resend when RESEND_API_KEY is set', async () => {
    const prev = process.env.RESEND_BASE_URL;
    process.env.RESEND_BASE_URL = baseUrl;
    try {
      const sent = await sendEmail(
        testDb(),
        { to: 'x@example.com', subject: 'Hello', react: magic('https://levqor.example/x') },
        {
          NODE_ENV: 'production',
          RESEND_API_KEY: 're_test_key',
          LEVQOR_EMAIL_FROM: 'Levqor <hi@levqor.example>',
        },
      );
      expect(sent).toEqual({ id: 'resend_msg_123', transport: 'resend' });
      const last = received.at(-1)!;
      expect(last.path).toBe('/emails');
      expect(last.auth).toBe('Bearer re_test_key');
      expect(last.body).toMatchObject({
        from: 'Levqor <hi@levqor.example>',
        to: 'x@example.com',
        subject: 'Hello',
      });
      expect(String(last.body.html)).toContain('https://levqor.example/x');
    } finally {
      process.env.RESEND_BASE_URL = prev;
    }
  });

  it('refuses to send in a real deployment without a provider', async () => {
    await expect(
      sendEmail(
        testDb(),
        { to: 'x@example.com', subject: 'x', react: magic('https://x') },
        { NODE_ENV: 'production' },
      ),
    ).rejects.toThrow(/RESEND_API_KEY/);
  });

  it('pages the mailbox newest first with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          await sendEmail(
            testDb(),
            { to: uniqueEmail('page'), subject: `n${i}`, react: magic('https://x') },
            { NODE_ENV: 'development' },
          )
        ).id,
      );
    const first = await listDevMail(testDb(), { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await listDevMail(testDb(), { limit: 2, cursor: first.nextCursor });
    const seen = [...first.items, ...second.items].map((m) => m.id);
    expect(new Set(seen).size).toBe(4);
  });

  it('prints sign-in tokens to the console only in local mode on loopback, and says so', async () => {
    const link =
      'http://localhost:3000/api/auth/callback/email?callbackUrl=%2Fdashboard&token=s3cr3t-t0ken&email=a%40b.c';
    const printed = async (env: Record<string, string>) => {
      // The copy is one line of the process's logger (JSON; its message holds the text).
      const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        await sendEmail(testDb(), { to: uniqueEmail('log'), subject: 'Sign in', react: magic(link) }, env);
        return log.mock.calls
          .map((c) => String(c[0]))
          .filter((line) => line.includes('[levqor mailbox]'))
          .map((line) => (JSON.parse(line) as { msg: string }).msg)
          .join('\n');
      } finally {
        log.mockRestore();
      }
    };
    const loopback = await printed({ NODE_ENV: 'development' });
    expect(loopback).toContain('token=s3cr3t-t0ken');
    expect(loopback).toContain('loopback only: links below are live');
    const reachable: Record<string, string>[] = [
      { NODE_ENV: 'development', LEVQOR_HOST: '0.0.0.0' },
      { NODE_ENV: 'production', LEVQOR_LOCAL: '1', LEVQOR_HOST: '127.0.0.1,192.0.2.2' },
    ];
    for (const env of reachable) {
      const open = await printed(env);
      expect(open, JSON.stringify(env)).not.toContain('s3cr3t-t0ken');
      expect(open).toContain('token=[redacted]');
      expect(open).toContain('sign-in tokens redacted');
    }
  });

  it('never delivers to the dev mailbox outside local mode, even with LEVQOR_DEV_MAILBOX=1', async () => {
    const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await expect(
        sendEmail(
          testDb(),
          { to: 'x@example.com', subject: 'x', react: magic('https://x/?token=abc') },
          { NODE_ENV: 'production', LEVQOR_DEV_MAILBOX: '1' },
        ),
      ).rejects.toThrow(/RESEND_API_KEY/);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
