import * as highsModule from 'highs';
import type { Highs, InitOptions } from 'highs';

type Loader = (options?: InitOptions) => Promise<Highs>;
// The package ships an ES module build whose default export is the loader, but its type declarations
// describe a CommonJS module; accept both shapes.
const exported = highsModule as unknown as { default: Loader | { default: Loader } };
const loadHighs: Loader = typeof exported.default === 'function' ? exported.default : exported.default.default;

export type { Highs } from 'highs';

let shared: Promise<Highs> | undefined;

/**
 * Loads the HiGHS WebAssembly solver once and shares it. In a browser bundle pass `locateFile` (or
 * `wasmBinary`) so the loader finds `highs.wasm`; the first call's options win.
 */
export function loadSolver(options?: InitOptions): Promise<Highs> {
  if (shared === undefined) shared = loadHighs(options);
  return shared;
}

/** Raised inside the algorithms when the time limit passes; the public functions turn it into a result. */
export class TimeLimitError extends Error {
  /** Where the solve was when time ran out. */
  readonly phase: string;
  constructor(phase: string, message: string) {
    super(message);
    this.name = 'TimeLimitError';
    this.phase = phase;
  }
}

/** Wall-clock budget shared by every solver call of one run. */
export class Budget {
  readonly start: number;
  readonly limitSeconds: number;
  private readonly now: () => number;
  constructor(limitSeconds: number, now: () => number) {
    this.now = now;
    this.start = now();
    this.limitSeconds = limitSeconds;
  }
  /** Seconds since the start. */
  elapsed(): number {
    return (this.now() - this.start) / 1000;
  }
  /** Seconds left (never below a small positive floor, so solver calls get a valid limit). */
  remaining(): number {
    return Math.max(0.01, this.limitSeconds - this.elapsed());
  }
  /** Throws `TimeLimitError` when the budget is spent. */
  check(phase: string): void {
    if (this.elapsed() > this.limitSeconds) {
      throw new TimeLimitError(phase, `time limit of ${this.limitSeconds} s reached during ${phase}`);
    }
  }
}
