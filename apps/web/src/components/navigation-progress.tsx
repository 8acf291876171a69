import { useEffect, useState } from 'react';
import { useNavigation } from 'react-router';

/** A thin bar at the top of the page while a route (or its code) loads; appears after a short delay. */
export function NavigationProgress() {
  const busy = useNavigation().state !== 'idle';
  const [delayPassed, setDelayPassed] = useState(false);

  useEffect(() => {
    if (!busy) return;
    const timer = window.setTimeout(() => setDelayPassed(true), 150);
    return () => {
      window.clearTimeout(timer);
      setDelayPassed(false);
    };
  }, [busy]);
  const visible = busy && delayPassed;

  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      aria-hidden={!visible}
      className="pointer-events-none fixed inset-x-0 top-0 z-[100] h-0.5"
    >
      {visible ? (
        <div className="animate-progress h-full origin-left bg-brand-500 shadow-[0_0_8px] shadow-brand-400" />
      ) : null}
    </div>
  );
}
