import { useEffect, useState } from 'react';

/** Re-renders every `ms` with the wall clock: drives timers that are computed, not stored. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
