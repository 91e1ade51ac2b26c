import { CONSENT_COOKIE, COOKIE_CATEGORIES } from '@levqor/core';

export const metadata = { title: 'Cookies' };

export default function CookiesPage() {
  return (
    <>
      <h1>Cookies</h1>
      <p>Levqor sets first-party cookies only. There are no third-party trackers or advertising cookies.</p>
      <ul>
        {Object.entries(COOKIE_CATEGORIES).map(([k, v]) => (
          <li key={k}>{v}</li>
        ))}
      </ul>
      <h2>The cookies</h2>
      <ul>
        <li>
          The session cookie of each app (necessary): keeps you signed in; ends when you sign out or it
          expires.
        </li>
        <li>The sign-in callback and CSRF cookies of the sign-in flow (necessary).</li>
        <li>
          <code>{CONSENT_COOKIE}</code> (necessary): your choice in the banner, 180 days. When you are signed
          in, the choice is also recorded with your account as proof of consent.
        </li>
      </ul>
      <p>
        Analytics are enforced on our servers, not only in your browser: without analytics consent, page views
        are not accepted or stored. Change your choice at any time with “Cookie settings” at the bottom of
        every page; rejecting is one click, like accepting.
      </p>
    </>
  );
}
