/** The calendar date (YYYY-MM-DD) of an instant in a time zone: phases open and close by local dates. */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD. Making a formatter is slow (it is asked on every request), so one per zone is kept.
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    wallClocks.set(timeZone, format);
  }
  const part = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const parts = format.formatToParts(new Date(instant));
  const wall = Date.UTC(part(parts, 'year'), part(parts, 'month') - 1, part(parts, 'day'), part(parts, 'hour'), part(parts, 'minute'), part(parts, 'second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a date and time means: `YYYY-MM-DDTHH:MM[:SS]` as a wall clock in `timeZone` (what a
 * `datetime-local` field sends), or with `Z` or an offset as written. A time the clocks skip when summer time
 * starts is read with the offset before the change (02:30 becomes 03:30); a time that happens twice when it
 * ends is the first of the two. Null when the text is not such a date and time.
 */
export function instantIn(text: unknown, timeZone: string): Date | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const check = new Date(wall);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  if (zone) {
    const instant = new Date(text.trim());
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  // The zone's offsets a day before and a day after: a reading is right when the offset at its instant is the
  // one it was made with. Both right: the time happens twice (the first); neither: the clocks skip it.
  const earlier = offsetAt(wall - 86_400_000, timeZone);
  const later = offsetAt(wall + 86_400_000, timeZone);
  const readings = [wall - earlier, wall - later].filter((instant, i) => offsetAt(instant, timeZone) === (i === 0 ? earlier : later));
  return new Date(readings.length > 0 ? Math.min(...readings) : wall - earlier);
}
