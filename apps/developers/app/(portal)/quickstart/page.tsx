import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { Card, CodeBlock, PageHeader, Stat } from '@levqor/ui';
import Link from 'next/link';
import { developersOrigin } from '~/components/origin';
import { CLI_CREATE_KEY, CLI_OUTPUT, STEPS } from '~/components/quickstart/steps';

export const metadata = { title: 'Quickstart' };

export default async function QuickstartPage() {
  const trpc = await getSignedInCaller('/quickstart');
  const keys = await trpc.apiKeys.list();
  const active = keys.filter((k) => k.status === 'active' || k.status === 'rotating').length;
  const base = `${developersOrigin()}/api/v1`;
  const fill = (s: string) => s.replaceAll('{{BASE}}', base);
  return (
    <div className="stack">
      <PageHeader
        title="Quickstart"
        description="From an API key to a finished job. Every command below runs as written against this instance; the responses are real ones (ids and times differ on every run)."
      />
      <div className="stats">
        <Stat
          label="Base URL"
          value={<code style={{ fontSize: 15 }}>{base}</code>}
          hint="JSON over HTTPS in production"
        />
        <Stat
          label="Your API keys"
          value={<span data-testid="active-keys">{active}</span>}
          hint={<Link href="/keys">{active === 0 ? 'Create your first key' : 'Manage keys'}</Link>}
        />
        <Stat
          label="Reference"
          value={<Link href="/reference">API reference</Link>}
          hint={<a href="/api/v1/openapi.json">openapi.json</a>}
        />
      </div>
      <ol className="steps">
        <li>
          <Card title="Get an API key">
            <div className="stack">
              <p style={{ margin: 0 }}>
                In <Link href="/keys">API keys</Link>, create a key with the scopes <code>jobs:read</code>,{' '}
                <code>jobs:write</code> and <code>usage:read</code>, and copy it from the dialog — it is shown
                once. Or, on the machine running Levqor, from the repository:
              </p>
              <CodeBlock title="Terminal" code={CLI_CREATE_KEY} />
              <CodeBlock title="Output" code={CLI_OUTPUT} copy={false} wrap />
              <p style={{ margin: 0 }}>Keep it in an environment variable for the commands that follow:</p>
              <CodeBlock
                title="Terminal"
                code="export LEVQOR_API_KEY=lvq_live_…   # the key you just copied"
              />
            </div>
          </Card>
        </li>
        {STEPS.map((step) => (
          <li key={step.title}>
            <Card title={step.title}>
              <div className="stack">
                <p style={{ margin: 0 }}>{fill(step.text)}</p>
                <CodeBlock title="Request" code={fill(step.command)} />
                <CodeBlock title="Response" code={step.output} copy={false} wrap />
              </div>
            </Card>
          </li>
        ))}
      </ol>
    </div>
  );
}
