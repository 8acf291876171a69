import { useEffect, useState } from 'react';

/** 42 → "42 seconds", 150 → "3 minutes", 5400 → "2 hours": a wait in words, rounded up. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (s < 60) return unit(s, 'second');
  if (s < 3600) return unit(Math.ceil(s / 60), 'minute');
  return unit(Math.ceil(s / 3600), 'hour');
}

/** Seconds left until `iso` (0 once it has passed or when null), ticking every second. */
export function useSecondsUntil(iso: string | null | undefined): number {
  const target = iso ? Date.parse(iso) : Number.NaN;
  const [now, setNow] = useState(() => Date.now());
  const remaining = Number.isNaN(target) ? 0 : Math.max(0, Math.ceil((target - now) / 1000));

  useEffect(() => {
    if (Number.isNaN(target) || target <= Date.now()) return;
    const timer = window.setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (time >= target) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [target]);

  return remaining;
}
