import { AuthFrame } from '@levqor/app-kit/auth-pages/pages';
import { SignOutButton } from '@levqor/app-kit/sign-out-button';
import { Alert, Card } from '@levqor/ui';

export const metadata = { title: 'Access denied' };

/** Rendered with HTTP 403 when a signed-in user who is not an administrator opens the console. */
export default function Forbidden() {
  return (
    <AuthFrame product="Admin console">
      <Card level={1} title="403 — administrators only">
        <div className="stack">
          <Alert kind="error">Your account does not have access to the Levqor admin console.</Alert>
          <p className="muted" style={{ margin: 0 }}>
            If you need access, ask an administrator to grant your account the admin role. You can sign in
            with another account instead.
          </p>
          <div>
            <SignOutButton variant="secondary" />
          </div>
        </div>
      </Card>
    </AuthFrame>
  );
}
