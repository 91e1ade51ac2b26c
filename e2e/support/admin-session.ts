import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { ADMIN_URL } from '../urls';
import { withDb } from './attack';

/**
 * Signs the seeded administrator in to the admin console with a session written straight to the
 * database, as next-auth's adapter writes one. Sign-in links are limited to 5 per email and address in
 * 10 minutes (tested in attack-lockout.spec.ts), and the suite's specs all run from 127.0.0.1: the
 * specs that test the sign-in itself use the mailbox; the others that only need an admin use this.
 */
export async function signInAdminDirectly(page: Page, email = 'admin@levqor.local'): Promise<void> {
  const token = randomBytes(32).toString('hex');
  await withDb(async (sql) => {
    const rows = (await sql`select id from users where email = ${email} and role = 'admin'`) as unknown as {
      id: string;
    }[];
    const user = rows[0];
    if (!user) throw new Error(`no administrator ${email} in the e2e database`);
    await sql`insert into sessions (session_token, user_id, expires)
              values (${token}, ${user.id}, now() + interval '1 hour')`;
  });
  await page
    .context()
    .addCookies([
      { name: 'levqor-admin.session-token', value: token, url: ADMIN_URL, httpOnly: true, sameSite: 'Lax' },
    ]);
}
