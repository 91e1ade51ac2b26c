import { requireSession } from '@levqor/app-kit/guards';
import { Card, PageHeader } from '@levqor/ui';
import { DeliveryLog } from '~/components/webhooks/delivery-log';
import { SendTestEvent } from '~/components/webhooks/send-test-event';
import { SigningSecret } from '~/components/webhooks/signing-secret';
import { VerifySignature } from '~/components/webhooks/verify-signature';

export const metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  await requireSession('/webhooks');
  return (
    <div className="stack">
      <PageHeader
        title="Webhooks"
        description="When a job with a callback_url finishes, Levqor POSTs a signed event to it and retries with back-off until it is accepted."
      />
      <Card title="Signing secret">
        <SigningSecret />
      </Card>
      <Card title="Send a test event">
        <SendTestEvent />
      </Card>
      <Card title="Verify a signature">
        <VerifySignature />
      </Card>
      <Card title="Deliveries">
        <DeliveryLog />
      </Card>
    </div>
  );
}
