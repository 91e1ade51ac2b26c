import { consentRecords, type DbOrTx, desc, inArray, or, privacyRequests } from '@levqor/db';
import { hashPii } from '../security/pii-hash';

/** Newest first, at most this many of each on a detail page. */
const SHOWN = 50;

/** A request still waiting on Levqor: past its one-month deadline it is overdue (Art. 12(3)). */
const OPEN_STATUSES = new Set(['awaiting_confirmation', 'pending', 'processing', 'failed']);

/**
 * The consent records and data-subject requests of some people (a user, or a workspace's members), for
 * the admin console's detail pages. Both are found by user id and by the HMAC of the email address, so
 * marketing consent given before sign-up and requests of an erased account still show.
 */
export async function getAccountPrivacy(
  db: DbOrTx,
  opts: { people: { id: string; email: string }[]; now?: Date },
) {
  if (opts.people.length === 0) return { consents: [], requests: [] };
  const now = opts.now ?? new Date();
  const ids = opts.people.map((p) => p.id);
  const hashes = opts.people.map((p) => hashPii(p.email));
  const whose = (userId: string | null, emailHash: string | null) =>
    opts.people.find((p) => p.id === userId) ??
    opts.people[hashes.indexOf(emailHash ?? '')] ?? { id: null, email: null };
  const [consents, requests] = await Promise.all([
    db
      .select({
        id: consentRecords.id,
        userId: consentRecords.userId,
        emailHash: consentRecords.emailHash,
        kind: consentRecords.kind,
        categories: consentRecords.categories,
        action: consentRecords.action,
        granted: consentRecords.granted,
        method: consentRecords.method,
        source: consentRecords.source,
        createdAt: consentRecords.createdAt,
      })
      .from(consentRecords)
      .where(or(inArray(consentRecords.userId, ids), inArray(consentRecords.emailHash, hashes)))
      .orderBy(desc(consentRecords.createdAt), desc(consentRecords.id))
      .limit(SHOWN),
    db
      .select({
        id: privacyRequests.id,
        userId: privacyRequests.userId,
        emailHash: privacyRequests.emailHash,
        kind: privacyRequests.kind,
        status: privacyRequests.status,
        requestedAt: privacyRequests.requestedAt,
        dueAt: privacyRequests.dueAt,
        completedAt: privacyRequests.completedAt,
      })
      .from(privacyRequests)
      .where(or(inArray(privacyRequests.userId, ids), inArray(privacyRequests.emailHash, hashes)))
      .orderBy(desc(privacyRequests.requestedAt), desc(privacyRequests.id))
      .limit(SHOWN),
  ]);
  return {
    consents: consents.map(({ emailHash, categories, ...c }) => ({
      ...c,
      email: whose(c.userId, emailHash).email,
      /** What the consent is for: the kind, and for cookies the categories that were allowed. */
      purpose:
        c.kind === 'cookies' && categories
          ? `cookies: ${
              Object.entries(categories)
                .filter(([name, on]) => on && name !== 'necessary')
                .map(([name]) => name)
                .join(', ') || 'necessary only'
            }`
          : c.kind,
    })),
    requests: requests.map(({ emailHash, ...r }) => ({
      ...r,
      email: whose(r.userId, emailHash).email,
      overdue: OPEN_STATUSES.has(r.status) && r.dueAt < now,
    })),
  };
}
