import { devMailboxUrl } from '@levqor/config';
import { Alert, Card } from '@levqor/ui';
import Link from 'next/link';
import { SignInForm } from './sign-in-form';

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type PageProps = { searchParams: SearchParams };

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Only same-site paths are accepted as a return address; anything else goes to the app's `home`. */
function safeCallback(raw: string | undefined, home: string): string {
  return raw?.startsWith('/') && !raw.startsWith('//') ? raw : home;
}

export function AuthFrame({ product, children }: { product: string; children: React.ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="centered">
      <div className="narrow stack">
        <div style={{ textAlign: 'center' }}>
          <Link prefetch={false} href="/" style={{ fontSize: 24, fontWeight: 700, textDecoration: 'none' }}>
            Levqor
          </Link>
          <div className="muted">{product}</div>
        </div>
        {children}
      </div>
    </main>
  );
}

export async function SignInPage({
  product,
  searchParams,
  mailboxHint,
  home = '/dashboard',
}: {
  product: string;
  searchParams: SearchParams;
  mailboxHint?: string | null;
  /** Where a sign-in without a `callbackUrl` lands. */
  home?: string;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallback(first(params.callbackUrl), home);
  const error = first(params.error);
  return (
    <AuthFrame product={product}>
      <Card level={1} title="Sign in">
        <div className="stack">
          <p className="muted" style={{ margin: 0 }}>
            We email you a link that signs you in. No password to remember.
          </p>
          {error && <Alert kind="error">{errorMessage(error)}</Alert>}
          <SignInForm callbackUrl={callbackUrl} />
          {mailboxHint && (
            <p className="faint" style={{ margin: 0 }}>
              Running locally: sign-in emails land in the <a href={mailboxHint}>dev mailbox</a>.
            </p>
          )}
        </div>
      </Card>
    </AuthFrame>
  );
}

export async function CheckEmailPage({
  product,
  searchParams,
  mailboxHint,
}: {
  product: string;
  searchParams: SearchParams;
  mailboxHint?: string | null;
}) {
  const email = first((await searchParams).email);
  return (
    <AuthFrame product={product}>
      <Card level={1} title="Check your email">
        <div className="stack">
          <p style={{ margin: 0 }}>
            We sent a sign-in link
            {email ? (
              <>
                {' '}
                to <strong>{email}</strong>
              </>
            ) : null}
            . It works once and expires in 24 hours.
          </p>
          {mailboxHint && (
            <Alert kind="info">
              Running locally: open the <a href={mailboxHint}>dev mailbox</a> to find the link.
            </Alert>
          )}
          <Link prefetch={false} href="/sign-in">
            Use a different email
          </Link>
        </div>
      </Card>
    </AuthFrame>
  );
}

export function errorMessage(code: string): string {
  switch (code) {
    case 'Verification':
      return 'That sign-in link is invalid or has expired. Links work once and last 24 hours — request a new one.';
    case 'AccessDenied':
      return 'You do not have access to this application.';
    case 'TooManyRequests':
      return 'Too many sign-in requests from your network. Wait a minute and try again.';
    case 'EmailSignin':
      return 'We could not send the sign-in email. Try again in a moment.';
    case 'Configuration':
      return 'Sign-in is not configured correctly on this server. Contact your administrator.';
    default:
      return 'Sign-in failed. Request a new link and try again.';
  }
}

export async function AuthErrorPage({
  product,
  searchParams,
}: {
  product: string;
  searchParams: SearchParams;
}) {
  const code = first((await searchParams).error) ?? 'Default';
  return (
    <AuthFrame product={product}>
      <Card level={1} title="Sign-in problem">
        <div className="stack">
          <Alert kind="error">{errorMessage(code)}</Alert>
          <Link prefetch={false} href="/sign-in">
            Request a new sign-in link
          </Link>
        </div>
      </Card>
    </AuthFrame>
  );
}

/** Page components for `app/sign-in/**`, one line each in every app. `home`: where sign-in lands by default. */
export function signInPage(product: string, home = '/dashboard') {
  return ({ searchParams }: PageProps) =>
    SignInPage({ product, searchParams, mailboxHint: devMailboxUrl(), home });
}
export function checkEmailPage(product: string) {
  return ({ searchParams }: PageProps) =>
    CheckEmailPage({ product, searchParams, mailboxHint: devMailboxUrl() });
}
export function authErrorPage(product: string) {
  return ({ searchParams }: PageProps) => AuthErrorPage({ product, searchParams });
}
