// The tables the Pabulib reader fills as it reads: project ids by their bytes, voter ids, and identical ballots
// merged into voter classes in typed-array pools (see pabulib-reader.ts), and the profile compiled from them.
import type { Profile, VoterClass } from './model.ts';
import type { ElectionHeader } from './pabulib-types.ts';

const utf8 = new TextDecoder();

/** Project ids by their UTF-8 bytes: a vote's items are looked up without building a string. */
export class IdTrie {
  private next = new Int32Array(256).fill(-1);
  private value = new Int32Array(1).fill(-1);
  private nodes = 1;

  add(bytes: Uint8Array, v: number): void {
    let node = 0;
    for (const b of bytes) {
      let n = this.next[node * 256 + b]!;
      if (n < 0) {
        n = this.nodes++;
        if (n * 256 >= this.next.length) {
          const grown = new Int32Array(this.next.length * 2).fill(-1);
          grown.set(this.next);
          this.next = grown;
          const values = new Int32Array(this.next.length / 256).fill(-1);
          values.set(this.value);
          this.value = values;
        }
        this.next[node * 256 + b] = n;
      }
      node = n;
    }
    if (this.value[node]! < 0) this.value[node] = v;
  }

  /** The value stored for buf[start..end), or -1. */
  get(buf: Uint8Array, start: number, end: number): number {
    let node = 0;
    for (let k = start; k < end; k++) {
      node = this.next[node * 256 + buf[k]!]!;
      if (node < 0) return -1;
    }
    return start < end ? this.value[node]! : -1;
  }
}

/** Voter ids as UTF-8 bytes in one pool, with a hash table to find a repeated one; strings only when asked. */
export class VoterIds {
  count = 0;
  private pool = new Uint8Array(1 << 16);
  private used = 0;
  private start = new Int32Array(1 << 12);
  private length = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  private table = new Int32Array(1 << 13).fill(-1);

  /** Adds the id in buf[s..e); false when it was there already. */
  add(buf: Uint8Array, s: number, e: number): boolean {
    // Hashes stay below 2^24 so that every step is a small integer even before the code is optimised (a short
    // run is mostly interpreted; larger numbers would be boxed, one allocation per byte).
    let h = e - s;
    for (let k = s; k < e; k++) h = (h * 31 + buf[k]!) & 0xffffff;
    const mask = this.table.length - 1;
    for (let slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      const v = this.table[slot]!;
      if (v < 0) {
        this.store(v, buf, s, e, h, slot);
        return true;
      }
      if (this.hashes[v] === h && this.length[v] === e - s) {
        const o = this.start[v]!;
        let same = true;
        for (let k = 0; k < e - s && same; k++) same = this.pool[o + k] === buf[s + k];
        if (same) return false;
      }
    }
  }

  /** Voter v's id. */
  id(v: number): string {
    return utf8.decode(this.pool.subarray(this.start[v]!, this.start[v]! + this.length[v]!));
  }

  private store(_: number, buf: Uint8Array, s: number, e: number, h: number, slot: number): void {
    const v = this.count;
    if (v === this.start.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.length = grow(this.length);
      this.hashes = grow(this.hashes);
    }
    if (this.used + (e - s) > this.pool.length) {
      let n = this.pool.length * 2;
      while (n < this.used + (e - s)) n *= 2;
      const pool = new Uint8Array(n);
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let k = s; k < e; k++) this.pool[this.used + k - s] = buf[k]!;
    this.start[v] = this.used;
    this.length[v] = e - s;
    this.hashes[v] = h;
    this.used += e - s;
    this.count = v + 1;
    this.table[slot] = v;
    if (this.count * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2).fill(-1);
      const mask = this.table.length - 1;
      for (let u = 0; u < this.count; u++) {
        let t = spread(this.hashes[u]!) & mask;
        while (this.table[t]! >= 0) t = (t + 1) & mask;
        this.table[t] = u;
      }
    }
  }
}

/**
 * A table slot from a 24-bit hash: the polynomial hashes of similar ballots or of numbered voter ids are close
 * together, and linear probing would pile them up; Fibonacci hashing (× 2^32/φ, high bits) spreads them.
 */
export function spread(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> 7;
}



/**
 * Identical ballots merged as they are read: a class is its sorted project indices with their points; the pools
 * hold every class's items back to back, and a hash table of class numbers finds an existing one.
 */
export class ClassMerger {
  count = 0;
  private items = new Int32Array(1 << 12);
  private points = new Float64Array(1 << 12);
  private used = 0;
  start = new Int32Array(1 << 10);
  length = new Int32Array(1 << 10);
  weight = new Float64Array(1 << 10);
  private table = new Int32Array(1 << 11).fill(-1);
  private hashes = new Int32Array(1 << 10);

  /** The class of a ballot whose k items are in items[0..k) (sorted) with points; creates it when new. */
  add(items: Int32Array, points: Float64Array, k: number): number {
    // The hash covers the items only (ballots with the same projects and other points are told apart by the
    // comparison) and stays below 2^24, a small integer at every step even before the code is optimised.
    let h = k;
    for (let t = 0; t < k; t++) h = (h * 31 + items[t]! + 1) & 0xffffff;
    const mask = this.table.length - 1;
    for (let slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      const c = this.table[slot]!;
      if (c < 0) break;
      if (this.hashes[c] === h && this.same(c, items, points, k)) {
        this.weight[c]!++;
        return c;
      }
    }
    const c = this.count;
    if (c === this.start.length) this.growClasses();
    if (this.used + k > this.items.length) this.growPool(this.used + k);
    for (let t = 0; t < k; t++) {
      this.items[this.used + t] = items[t]!;
      this.points[this.used + t] = points[t]!;
    }
    this.start[c] = this.used;
    this.length[c] = k;
    this.weight[c] = 1;
    this.hashes[c] = h;
    this.used += k;
    this.count = c + 1;
    if (this.count * 2 > this.table.length) this.rehash();
    else this.insert(c);
    return c;
  }

  /** The items and points of class c. */
  classOf(c: number): { items: Int32Array; points: number[] } {
    const s = this.start[c]!;
    const e = s + this.length[c]!;
    const points = new Array<number>(e - s);
    for (let t = s; t < e; t++) points[t - s] = this.points[t]!;
    return { items: this.items.subarray(s, e), points };
  }

  private same(c: number, items: Int32Array, points: Float64Array, k: number): boolean {
    if (this.length[c] !== k) return false;
    const s = this.start[c]!;
    for (let t = 0; t < k; t++) if (this.items[s + t] !== items[t] || this.points[s + t] !== points[t]) return false;
    return true;
  }

  private insert(c: number): void {
    const mask = this.table.length - 1;
    let slot = spread(this.hashes[c]!) & mask;
    while (this.table[slot]! >= 0) slot = (slot + 1) & mask;
    this.table[slot] = c;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    for (let c = 0; c < this.count; c++) this.insert(c);
  }

  private growClasses(): void {
    const n = this.start.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.start = grow(this.start, (m) => new Int32Array(m));
    this.length = grow(this.length, (m) => new Int32Array(m));
    this.weight = grow(this.weight, (m) => new Float64Array(m));
    this.hashes = grow(this.hashes, (m) => new Int32Array(m));
  }

  private growPool(need: number): void {
    let n = this.items.length * 2;
    while (n < need) n *= 2;
    const items = new Int32Array(n);
    items.set(this.items);
    this.items = items;
    const points = new Float64Array(n);
    points.set(this.points);
    this.points = points;
  }
}

/**
 * Creates a reader for a `.pb` file fed as bytes. Errors name the line: missing sections or headers, wrong column
 * counts, missing or non-numeric costs/budget, duplicate ids, votes naming unknown projects or listing one twice,
 * points that do not match the vote, a quote left open (a truncated file: the line and column where it opened),
 * a record over the size limit. Costs and budget may have decimals; they are then scaled to integer minor units
 * (`moneyScale` = 10^decimals). Count mismatches with META `num_projects` / `num_votes` are warnings. Reading
 * stops early once 100 errors are certain to be reported.
 */
/** A voter class whose voter ids are decoded from the pool when first asked for. */
export class MergedClass implements VoterClass {
  private names: string[] | undefined;
  readonly weight: number;
  readonly items: Int32Array;
  readonly points: readonly number[];
  private readonly members: Int32Array;
  private readonly from: number;
  private readonly to: number;
  private readonly pool: VoterIds;

  constructor(weight: number, items: Int32Array, points: readonly number[], members: Int32Array, from: number, to: number, pool: VoterIds) {
    this.weight = weight;
    this.items = items;
    this.points = points;
    this.members = members;
    this.from = from;
    this.to = to;
    this.pool = pool;
  }

  get voters(): readonly string[] {
    if (this.names === undefined) {
      this.names = [];
      for (let k = this.from; k < this.to; k++) this.names.push(this.pool.id(this.members[k]!));
    }
    return this.names;
  }
}

/**
 * The profile of the merged classes, as buildProfile compiles an election (classes in order of first ballot).
 * A class's voter ids are decoded when first asked for (only per-voter explanations need them).
 */
export function compile(election: ElectionHeader, merger: ClassMerger, voterClass: Int32Array, voterRef: Int32Array, voters: VoterIds): Profile {
  const ids = election.projects.map((p) => p.id);
  const cost = election.projects.map((p) => p.cost);
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const m = ids.length;
  // Each class's voters, in ballot order: offsets into one array of voter numbers.
  const memberStart = new Int32Array(merger.count + 1);
  for (let v = 0; v < voterClass.length; v++) memberStart[voterClass[v]! + 1]!++;
  for (let c = 0; c < merger.count; c++) memberStart[c + 1]! += memberStart[c]!;
  const fill = memberStart.slice(0, merger.count);
  const members = new Int32Array(voterClass.length);
  for (let v = 0; v < voterClass.length; v++) members[fill[voterClass[v]!]!++] = voterRef[v]!;
  const classes: VoterClass[] = [];
  const counts = new Int32Array(m);
  for (let c = 0; c < merger.count; c++) {
    const { items, points } = merger.classOf(c);
    classes.push(new MergedClass(merger.weight[c]!, items, points, members, memberStart[c]!, memberStart[c + 1]!, voters));
    for (const j of items) counts[j]!++;
  }
  const approvers = Array.from({ length: m }, (_, j) => new Int32Array(counts[j]!));
  const at = new Int32Array(m);
  const votes = new Array<number>(m).fill(0);
  const score = new Array<number>(m).fill(0);
  classes.forEach((c, ci) => {
    c.items.forEach((j, t) => {
      approvers[j]![at[j]!++] = ci;
      votes[j]! += c.weight;
      score[j]! += c.weight * (c.points[t] ?? 0);
    });
  });
  return { ids, cost, budget: election.budget, classes, approvers, votes, score, voterCount: voterClass.length, index };
}
