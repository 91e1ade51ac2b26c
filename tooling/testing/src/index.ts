import { randomBytes } from 'node:crypto';
import { createUser } from '@levqor/core';
import { getDb } from '@levqor/db';

export { getDb as testDb };

/** A unique email for this test run. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(5).toString('hex')}@test.levqor.local`;
}

/** A fresh user owning a fresh workspace. */
export async function makeUser(
  opts: { admin?: boolean; name?: string; workspaceName?: string; label?: string } = {},
) {
  const { user, workspace } = await createUser(getDb(), {
    email: uniqueEmail(opts.label),
    name: opts.name,
    admin: opts.admin ?? false,
    workspaceName: opts.workspaceName,
  });
  return { user, workspace };
}
