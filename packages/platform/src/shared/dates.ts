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
