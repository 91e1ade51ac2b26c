import { PageHeader } from '@levqor/ui';
import { requireSession } from '../guards';
import { isSafeRelativePath } from '../return-path';
import { getServerCaller } from '../server-caller';
import { LegalAcceptForm } from './legal-accept-form';

/** A relative path on this app only (no `//host`, no scheme): where to go after accepting. */
function safeNext(next: string | undefined, fallback: string): string {
  return next && isSafeRelativePath(next) && !next.startsWith('/legal/') ? next : fallback;
}

/** `/legal/accept` of an app: the current versions the user has not accepted, and one button. */
export function legalAcceptPage(fallback: string) {
  return async function LegalAcceptPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
    const { next } = await searchParams;
    const target = safeNext(typeof next === 'string' ? next : undefined, fallback);
    await requireSession(`/legal/accept?next=${encodeURIComponent(target)}`);
    const pending = await (await getServerCaller()).legal.pending();
    return (
      <main
        id="main"
        tabIndex={-1}
        className="container stack"
        style={{ maxWidth: 760, margin: '32px auto' }}
      >
        <PageHeader
          title="Updated terms"
          description="Please read and accept the current versions to continue. We record the version, the time and your browser."
        />
        <LegalAcceptForm
          next={target}
          documents={pending.map((d) => ({
            id: d.id,
            kind: d.kind,
            version: d.version,
            summary: d.summary,
            body: d.body,
            publishedAt: d.publishedAt.toISOString(),
          }))}
        />
      </main>
    );
  };
}
