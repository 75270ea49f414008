// Exact rational numbers on BigInt. Every comparison that can decide a winner goes through here.

/** An exact rational number n/d with d > 0 (not necessarily in lowest terms). */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Puts num / (D·den) over a larger common denominator D·k: returns k = den ÷ gcd(num, den) and the new
 * numerator num ÷ gcd(num, den), so that num / (D·den) = n / (D·k). Engines that keep every amount over one
 * denominator D multiply their other numerators by k; k is small, so no gcd of large numbers is needed.
 */
export function overCommonDenominator(num: bigint, den: bigint): { k: bigint; n: bigint } {
  const g = gcd(num, den);
  return { k: den / g, n: num / g };
}

/** Builds n/d (d must be non-zero), normalising the sign and reducing to lowest terms. */
export function q(n: bigint | number, d: bigint | number = 1n): Q {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('rational with zero denominator');
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd);
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd };
}

/** The rational zero. */
export const ZERO: Q = { n: 0n, d: 1n };

/** Reduces a rational to lowest terms. */
export function reduce(a: Q): Q {
  const g = gcd(a.n, a.d);
  return g > 1n ? { n: a.n / g, d: a.d / g } : a;
}

/** a + b (unreduced when denominators are equal; reduced otherwise). */
export function add(a: Q, b: Q): Q {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  return reduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
}

/** a − b. */
export function sub(a: Q, b: Q): Q {
  if (a.d === b.d) return { n: a.n - b.n, d: a.d };
  return reduce({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
}

/** a × k for an integer k. */
export function mulInt(a: Q, k: bigint): Q {
  return reduce({ n: a.n * k, d: a.d });
}

/** a × b. */
export function mul(a: Q, b: Q): Q {
  return reduce({ n: a.n * b.n, d: a.d * b.d });
}

/** a ÷ b (b non-zero). */
export function div(a: Q, b: Q): Q {
  return q(a.n * b.d, a.d * b.n);
}

/** Sign of a − b: −1, 0 or 1, computed exactly by cross-multiplication. */
export function cmp(a: Q, b: Q): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Nearest double (for display and for ordering heuristics only; never decides an outcome). */
export function toNumber(a: Q): number {
  const bits = Math.max(bitLength(a.n), bitLength(a.d));
  if (bits <= 1000) return Number(a.n) / Number(a.d);
  const shift = BigInt(bits - 900);
  return Number(a.n >> shift) / Number(a.d >> shift);
}

function bitLength(x: bigint): number {
  return (x < 0n ? -x : x).toString(2).length;
}

/** "n/d" in lowest terms, or "n" for integers. */
export function toString(a: Q): string {
  const r = reduce(a);
  return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
}

/** Largest integer ≤ a. */
export function floor(a: Q): bigint {
  const f = a.n / a.d;
  return a.n < 0n && f * a.d !== a.n ? f - 1n : f;
}
