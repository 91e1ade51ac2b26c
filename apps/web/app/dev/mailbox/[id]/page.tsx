import { requireDevMailboxAccess } from '@levqor/app-kit/dev-mailbox-access';
import { getServerCaller } from '@levqor/app-kit/server-caller';
import { Card, PageHeader } from '@levqor/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Message' };

function linksIn(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/href="([^"]+)"/g)) {
    const href = m[1]!.replaceAll('&amp;', '&');
    if (/^https?:\/\//.test(href)) found.add(href);
  }
  return [...found];
}

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireDevMailboxAccess();
  const { id } = await params;
  const mail = await (await getServerCaller()).devMailbox.get({ id }).catch(() => null);
  if (!mail) notFound();
  const links = linksIn(mail.html);
  return (
    <div className="public stack">
      <PageHeader
        title={mail.subject}
        description={`To ${mail.to} · ${mail.createdAt.toISOString()}`}
        actions={<Link href="/dev/mailbox">← All messages</Link>}
      />
      {links.length > 0 && (
        <Card title="Links in this message">
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {links.map((href) => (
              <li key={href} style={{ wordBreak: 'break-all' }}>
                <a href={href} data-testid="mail-link">
                  {href}
                </a>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {mail.headers && Object.keys(mail.headers).length > 0 && (
        <Card title="Headers">
          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="mail-headers">
            {Object.entries(mail.headers).map(([name, value]) => (
              <li key={name} style={{ wordBreak: 'break-all' }}>
                <code>{name}</code>: {value}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {mail.attachments && mail.attachments.length > 0 && (
        <Card title="Attachments">
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {mail.attachments.map((a) => (
              <li key={a.filename}>
                <a
                  href={`data:${a.contentType};base64,${a.base64}`}
                  download={a.filename}
                  data-testid="mail-attachment"
                >
                  {a.filename}
                </a>{' '}
                ({a.size} bytes)
              </li>
            ))}
          </ul>
        </Card>
      )}
      <iframe
        title="Message"
        className="mail-frame"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={mail.html}
      />
    </div>
  );
}
