'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * Re-renders the server page every `seconds` while the tab is visible (and at once when it becomes
 * visible again); stops polling in a hidden tab. Says so, with the time of the figures shown.
 */
export function LiveRefresh({ seconds, at }: { seconds: number; at: string }) {
  const router = useRouter();
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer) return;
      timer = setInterval(() => router.refresh(), seconds * 1000);
    };
    const stop = () => {
      if (timer) clearInterval(timer);
      timer = null;
    };
    const onChange = () => {
      const shown = document.visibilityState === 'visible';
      setVisible(shown);
      if (shown) {
        router.refresh();
        start();
      } else stop();
    };
    if (document.visibilityState === 'visible') start();
    else setVisible(false);
    document.addEventListener('visibilitychange', onChange);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onChange);
    };
  }, [router, seconds]);
  return (
    <p className="faint" role="status" data-testid="live-status">
      {visible
        ? `Live: refreshes every ${seconds} s while this tab is visible. Figures as of ${at.slice(11, 19)} UTC.`
        : `Paused while this tab is hidden. Figures as of ${at.slice(11, 19)} UTC.`}
    </p>
  );
}
