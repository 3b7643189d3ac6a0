/**
 * Seeded, random-access randomness for scenarios. Every draw is a pure function of
 * (scenario seed, scenario second, salt), so any second can be computed without replaying the ones
 * before it and two runs of the same scenario produce identical signals, chat and ids.
 */

/** mulberry32: tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mix a few integers / strings into one 32-bit seed (FNV-1a over the parts). */
function mixSeed(...parts: Array<number | string>): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = typeof p === 'number' ? String(Math.trunc(p)) : p;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x7c; // part separator, so ('1','23') differs from ('12','3')
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A PRNG for one (seed, second, salt) cell. */
export function rngAt(seed: number, tSec: number, salt: string): () => number {
  return mulberry32(mixSeed(seed, tSec, salt));
}

export function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length) % items.length];
}

/** Poisson-distributed count (Knuth for small rates, normal approximation above 30). */
export function poisson(rnd: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) {
    const u = Math.max(rnd(), 1e-12);
    const v = rnd();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(lambda + z * Math.sqrt(lambda)));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rnd();
  while (p > limit) {
    k++;
    p *= rnd();
  }
  return k;
}
