// Growing typed arrays, for the scorer's reused buffers.

/** A copy of a with twice the length (at least 16). */
export function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(16, 2 * a.length));
  b.set(a);
  return b;
}

/** A copy of a with twice the length (at least 16). */
export function grownF(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(16, 2 * a.length));
  b.set(a);
  return b;
}
