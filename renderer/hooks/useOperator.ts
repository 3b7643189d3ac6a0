import { useState } from 'react';

/** Who is at this console; recorded on every action. Kept per browser/profile. */
export function useOperator(): [string, (name: string) => void] {
  const [name, setName] = useState(() => localStorage.getItem('onair.operator') || 'producer');
  return [
    name,
    (n: string) => {
      setName(n);
      localStorage.setItem('onair.operator', n);
    },
  ];
}
