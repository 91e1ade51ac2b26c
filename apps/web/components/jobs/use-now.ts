'use client';

import { useEffect, useState } from 'react';

/**
 * The current time in ms, updated every `everyMs` while `active` (a run time or countdown that ticks).
 * It starts at `initial` when given (e.g. when the data shown was fetched — the same instant in the
 * server's HTML and in the browser's first render, which must agree), and ticks from the first effect.
 */
export function useNow(active: boolean, everyMs = 1_000, initial?: number): number {
  const [now, setNow] = useState(() => initial || Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}
