import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { clickMailLink, mailIdsFor, openMailText, openMailWithSubject, signInViaMailbox } from './mailbox';
import { withDb } from './support/attack';
import { freshEmail } from './support/dashboard';
import { MAILBOX_URL, WEB_URL } from './urls';

/**
 * DSAR export over 5 MB, end to end: the user asks for it in the dashboard, the engine builds it and mails
 * a link (too large to attach), the download page mails a one-time code, a wrong code is refused with a
 * message, the right one downloads the ZIP — which holds this user's data and no other tenant's.
 */

type ZipEntries = Map<string, string>;

/** The part of yauzl's API used here (its types live with packages/core). */
interface Yauzl {
  fromBuffer(
    buffer: Buffer,
    options: { lazyEntries: boolean },
    callback: (err: Error | null, zip?: YauzlZip) => void,
  ): void;
}
interface YauzlEntry {
  fileName: string;
}
interface YauzlZip {
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'entry', listener: (entry: YauzlEntry) => void): void;
  readEntry(): void;
  openReadStream(
    entry: YauzlEntry,
    callback: (err: Error | null, stream?: NodeJS.ReadableStream) => void,
  ): void;
}

/** The files of a ZIP, read with yauzl (the ZIP reader the core package tests with). */
function readZip(buffer: Buffer): Promise<ZipEntries> {
  const require = createRequire(join(import.meta.dirname, '..', 'packages', 'core', 'package.json'));
  const yauzl = require('yauzl') as Yauzl;
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const files: ZipEntries = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

async function ownerIds(email: string) {
  return withDb(async (sql) => {
    const [row] = await sql`select u.id as user_id, m.workspace_id from users u
      join memberships m on m.user_id = u.id and m.role = 'owner' where u.email = ${email}`;
    return { userId: String(row!.user_id), workspaceId: String(row!.workspace_id) };
  });
}

test('request a DSAR export over 5 MB and download it with the one-time code', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // Another tenant, signed up the same way: nothing of theirs may appear in the export.
  const otherEmail = freshEmail('dsar-other');
  const otherContext = await browser.newContext();
  await signInViaMailbox(await otherContext.newPage(), otherEmail);
  await otherContext.close();
  const other = await ownerIds(otherEmail);

  const email = freshEmail('dsar-owner');
  await signInViaMailbox(page, email);
  const me = await ownerIds(email);
  // Facts no page can create quickly: 8 MB of the user's own workflow descriptions (random, so the
  // archive cannot compress below the 5 MB attachment limit).
  const bigWorkflows = Array.from({ length: 4 }, () => `wf_e2e_dsar_${randomBytes(6).toString('hex')}`);
  await withDb(async (sql) => {
    for (const [i, id] of bigWorkflows.entries())
      await sql`insert into workflows (id, workspace_id, slug, name, description)
        values (${id}, ${me.workspaceId}, ${`dsar-bulk-${i}`}, ${`DSAR bulk ${i}`},
                ${randomBytes(1_536 * 1024).toString('base64')})`;
  });

  // The request, from Settings → Privacy.
  await page.goto(`${WEB_URL}/dashboard/settings/privacy`);
  await page.getByRole('button', { name: 'Request my data export' }).click();
  await expect(page.getByText('Requested. The export will arrive by email shortly.')).toBeVisible();

  // Too large to attach: the mail carries a link to the download page, no attachment.
  const exportMail = await openMailWithSubject(page, {
    to: email,
    subject: 'Your Levqor data export',
    timeoutMs: 90_000,
  });
  await expect(page.getByTestId('mail-attachment')).toHaveCount(0);
  expect(await openMailText(page)).toMatch(/too large to attach/);
  const link = await page
    .getByTestId('mail-link')
    .evaluateAll((links) =>
      links
        .map((l) => l.getAttribute('href') ?? '')
        .find((h) => h.includes('/dashboard/settings/privacy/export/')),
    );
  expect(link).toMatch(new RegExp(`^${WEB_URL}/dashboard/settings/privacy/export/`));
  const requestId = new URL(link!).pathname.split('/').pop()!;
  const seen = await mailIdsFor(page, email);
  await page.goto(`${MAILBOX_URL}/${exportMail}`);
  await clickMailLink(page, link!);
  await expect(page.getByRole('heading', { name: 'Download your data export' })).toBeVisible();

  // A code by email.
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await expect(page.getByText('Code sent. Check your email.')).toBeVisible();
  const downloadPage = page.url();
  await openMailWithSubject(page, { to: email, subject: 'Your Levqor export download code', seen });
  const code = /\b(\d{6})\b/.exec(await openMailText(page))?.[1];
  expect(code, 'a 6-digit code in the mail').toBeTruthy();

  // A wrong code is refused with a message that says what is left.
  await page.goto(downloadPage);
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByLabel('6-digit code').fill(wrong);
  await page.getByRole('button', { name: 'Download the ZIP' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong code. 4 tries left.' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/dashboard/settings/privacy/export/${requestId}\\?error=`));

  // The right code downloads the archive.
  await page.getByLabel('6-digit code').fill(code!);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the ZIP' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('levqor-export.zip');
  const zip = readFileSync((await download.path())!);
  expect(zip.length).toBeGreaterThan(5 * 1024 * 1024);
  const files = await readZip(zip);
  expect([...files.keys()]).toEqual(
    expect.arrayContaining(['README.txt', 'account.json', 'workspaces.json', 'workflows.json', 'jobs.json']),
  );
  const account = JSON.parse(files.get('account.json')!) as { id: string; email: string }[];
  expect(account).toEqual([expect.objectContaining({ id: me.userId, email })]);
  const workspaces = JSON.parse(files.get('workspaces.json')!) as { id: string }[];
  expect(workspaces.map((w) => w.id)).toEqual([me.workspaceId]);
  const workflows = JSON.parse(files.get('workflows.json')!) as { id: string; workspace_id: string }[];
  expect(workflows.map((w) => w.id)).toEqual(expect.arrayContaining(bigWorkflows));
  expect(new Set(workflows.map((w) => w.workspace_id))).toEqual(new Set([me.workspaceId]));
  for (const [name, text] of files) {
    expect(text, `${name} holds the other tenant's email`).not.toContain(otherEmail);
    expect(text, `${name} holds the other tenant's workspace`).not.toContain(other.workspaceId);
    expect(text, `${name} holds the other tenant's user id`).not.toContain(other.userId);
  }

  // The code worked once; the download is recorded on the request's trail.
  await page.goto(downloadPage);
  await page.getByLabel('6-digit code').fill(code!);
  await page.getByRole('button', { name: 'Download the ZIP' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'No valid code: it expired, was used or was voided.' }),
  ).toBeVisible();
  const trail = await withDb(
    (sql) => sql`select delivery, downloaded_at, trail from privacy_requests where id = ${requestId}`,
  );
  expect(trail[0]!.delivery).toBe('link');
  expect(trail[0]!.downloaded_at).not.toBeNull();
  expect((trail[0]!.trail as { step: string }[]).map((t) => t.step)).toEqual([
    'requested',
    'built',
    'sent',
    'code-sent',
    'downloaded',
  ]);
});
