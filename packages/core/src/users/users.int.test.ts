import { makeUser, testDb, uniqueEmail } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { createUser } from './create-user';
import { listUsers } from './list-users';
import { updateProfile } from './update-profile';

describe('createUser', () => {
  it('creates the user and a workspace they own', async () => {
    const email = uniqueEmail('Owner').toUpperCase();
    const { user, workspace } = await createUser(testDb(), { email, workspaceName: 'Acme' });
    expect(user.email).toBe(email.toLowerCase());
    expect(user.role).toBe('user');
    expect(workspace.name).toBe('Acme');
  });

  it('refuses a duplicate email with CONFLICT', async () => {
    const { user } = await makeUser();
    await expect(createUser(testDb(), { email: user.email })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses an invalid email', async () => {
    await expect(createUser(testDb(), { email: 'not-an-email' })).rejects.toThrow(/valid email/);
  });
});

describe('listUsers', () => {
  it('searches by email substring and pages with a cursor', async () => {
    const tag = `pg${Date.now().toString(36)}`;
    for (let i = 0; i < 5; i++) await makeUser({ label: `${tag}-${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listUsers>> = await listUsers(testDb(), {
        query: tag,
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(5);
  });

  it('treats LIKE wildcards literally', async () => {
    const page = await listUsers(testDb(), { query: '%_%' });
    expect(page.items).toEqual([]);
  });
});

describe('updateProfile', () => {
  it('renames the user', async () => {
    const { user } = await makeUser();
    const row = await updateProfile(testDb(), user.id, { name: 'Ada' });
    expect(row.name).toBe('Ada');
  });

  it('fails NOT_FOUND for an unknown user', async () => {
    const err = await updateProfile(testDb(), 'usr_missing', { name: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('NOT_FOUND');
  });
});
