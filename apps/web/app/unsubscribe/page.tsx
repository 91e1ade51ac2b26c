import { Alert, Card } from '@levqor/ui';

export const metadata = { title: 'Unsubscribe' };

/** The link in every marketing email: no sign-in; the signed token is the credential. */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; done?: string; error?: string }>;
}) {
  const { token, done, error } = await searchParams;
  return (
    <main id="main" tabIndex={-1} className="centered">
      <Card title="Unsubscribe from Levqor marketing email" level={1}>
        {done ? (
          <Alert kind="ok">You are unsubscribed. You will receive no more marketing email from Levqor.</Alert>
        ) : error ? (
          <Alert kind="error">This unsubscribe link is not valid. Use the link from the latest email.</Alert>
        ) : (
          <form method="post" action="/api/marketing/unsubscribe" className="stack">
            <input type="hidden" name="token" value={typeof token === 'string' ? token : ''} />
            <input type="hidden" name="from" value="page" />
            <p>One click and you will receive no more marketing email. Account emails are not affected.</p>
            <div>
              <button type="submit" className="btn">
                Unsubscribe
              </button>
            </div>
          </form>
        )}
      </Card>
    </main>
  );
}
