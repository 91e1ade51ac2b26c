import { CookieSettingsButton } from './cookie-consent';

/** Trust pages live on the web app; the admin console and the portal link there. */
const LINKS = [
  ['/privacy', 'Privacy'],
  ['/terms', 'Terms'],
  ['/cookies', 'Cookies'],
  ['/dpa', 'DPA'],
  ['/subprocessors', 'Subprocessors'],
  ['/ai-disclosure', 'AI disclosure'],
  ['/acceptable-use', 'Acceptable use'],
  ['/high-risk-data', 'High-risk data'],
  ['/rate-limits', 'Rate limits'],
  ['/sla', 'SLA'],
  ['/security', 'Security'],
  ['/status', 'Status'],
] as const;

export function SiteFooter() {
  const web =
    process.env.LEVQOR_APP === 'web' || !process.env.LEVQOR_APP ? '' : (process.env.LEVQOR_WEB_URL ?? '');
  return (
    <footer className="site-footer">
      <nav className="row" aria-label="Legal">
        {LINKS.map(([href, label]) => (
          <a key={href} href={`${web}${href}`}>
            {label}
          </a>
        ))}
        <CookieSettingsButton />
      </nav>
    </footer>
  );
}
