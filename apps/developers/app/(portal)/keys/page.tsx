import { requireSession } from '@levqor/app-kit/guards';
import { PageHeader } from '@levqor/ui';
import { KeysManager } from '~/components/keys/keys-manager';

export const metadata = { title: 'API keys' };

export default async function KeysPage() {
  await requireSession('/keys');
  return (
    <div className="stack">
      <PageHeader
        title="API keys"
        description="Keys authenticate REST calls: Authorization: Bearer <key> or X-Api-Key. Each key has scopes, an optional expiry and its own rate limit."
      />
      <KeysManager />
    </div>
  );
}
