'use client';

import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';

/** Mirrors `@levqor/core` (the cookie format) without pulling server code into the browser bundle. */
const COOKIE = 'levqor_consent';
const OPEN_EVENT = 'levqor:cookie-settings';

interface Choice {
  analytics: boolean;
  marketing: boolean;
}

function readChoice(): Choice | null {
  const raw = document.cookie
    .split(';')
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  const m = /^v1\.a([01])\.m([01])$/.exec(raw ?? '');
  return m ? { analytics: m[1] === '1', marketing: m[2] === '1' } : null;
}

/** Opens the banner again (the footer's "Cookie settings"). */
export function CookieSettingsButton() {
  return (
    <button type="button" className="link-button" onClick={() => window.dispatchEvent(new Event(OPEN_EVENT))}>
      Cookie settings
    </button>
  );
}

/**
 * The consent banner of every app: Accept all and Reject all side by side, same size and style, and
 * Choose for the categories. Nothing optional runs before a choice: the page-view beacon below sends
 * only with analytics consent (and the server checks the cookie again).
 */
export function CookieConsent({
  wording,
  categories,
  recorded,
}: {
  wording: string;
  categories: Record<string, string>;
  /**
   * The choice the request's cookie records (read by the server): without one the banner is in the
   * server's HTML, painted with the page, not opened after the scripts have run.
   */
  recorded: Choice | null;
}) {
  const [choice, setChoice] = useState<Choice | null>(recorded);
  const [open, setOpen] = useState(recorded === null);
  const [choosing, setChoosing] = useState(false);
  const [draft, setDraft] = useState<Choice>({ analytics: false, marketing: false });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const current = readChoice();
    setChoice(current);
    setOpen(current === null);
    const reopen = () => {
      const c = readChoice();
      setDraft(c ?? { analytics: false, marketing: false });
      setChoosing(true);
      setOpen(true);
    };
    window.addEventListener(OPEN_EVENT, reopen);
    return () => window.removeEventListener(OPEN_EVENT, reopen);
  }, []);

  const save = useCallback(async (next: Choice) => {
    setError(null);
    const res = await fetch('/api/consent', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(next),
    }).catch(() => null);
    if (!res?.ok) {
      setError('Could not save your choice. Try again.');
      return;
    }
    setChoice(next);
    setOpen(false);
    setChoosing(false);
  }, []);

  return (
    <>
      {choice?.analytics ? <PageViewBeacon /> : null}
      {open ? (
        <section className="cookie-banner" aria-label="Cookie consent" data-testid="cookie-banner">
          <p>{wording}</p>
          {choosing ? (
            <fieldset className="stack">
              <legend>Choose categories</legend>
              <label>
                <input type="checkbox" checked disabled /> {categories.necessary}
              </label>
              <label>
                <input
                  type="checkbox"
                  name="analytics"
                  checked={draft.analytics}
                  onChange={(e) => setDraft({ ...draft, analytics: e.target.checked })}
                />{' '}
                {categories.analytics}
              </label>
              <label>
                <input
                  type="checkbox"
                  name="marketing"
                  checked={draft.marketing}
                  onChange={(e) => setDraft({ ...draft, marketing: e.target.checked })}
                />{' '}
                {categories.marketing}
              </label>
            </fieldset>
          ) : null}
          {error ? <p role="alert">{error}</p> : null}
          <div className="row cookie-banner-actions">
            <button type="button" className="btn" onClick={() => save({ analytics: true, marketing: true })}>
              Accept all
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => save({ analytics: false, marketing: false })}
            >
              Reject all
            </button>
            {choosing ? (
              <button type="button" className="btn btn-secondary" onClick={() => save(draft)}>
                Save choices
              </button>
            ) : (
              <button type="button" className="btn btn-secondary" onClick={() => setChoosing(true)}>
                Choose
              </button>
            )}
          </div>
        </section>
      ) : null}
    </>
  );
}

/** Levqor's own page views: one POST per route change, rendered only with analytics consent. */
function PageViewBeacon() {
  const pathname = usePathname();
  useEffect(() => {
    void fetch('/api/analytics', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'page_view', path: pathname }),
      keepalive: true,
    }).catch(() => undefined);
  }, [pathname]);
  return null;
}
