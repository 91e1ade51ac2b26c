import { ConfirmSubscription } from './confirm-subscription';

export const metadata = { title: 'Confirm your subscription' };

export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <main id="main" tabIndex={-1} className="centered">
      <ConfirmSubscription token={typeof token === 'string' ? token : ''} />
    </main>
  );
}
