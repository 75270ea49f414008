// iCalendar (RFC 5545) written by hand: one VEVENT per event, times in UTC (calendar programs show them in the
// reader's own zone, so an event across a daylight-saving change keeps its local time), text escaped (§3.3.11),
// lines ended by CRLF and folded at 75 octets without splitting a UTF-8 character (§3.1).

/** One event as a calendar entry. */
export interface CalendarEntry {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly startsAt: Date;
  /** Null when the end is not known (a panel's meeting): no DTEND, which RFC 5545 reads as ending at its start. */
  readonly endsAt: Date | null;
  readonly location: string;
  /** The event's page (or, for registered people, the online meeting's link). */
  readonly url: string | null;
  readonly updatedAt: Date;
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** An instant as an iCalendar UTC date-time: 20270328T080000Z. */
export function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Folds one content line: at most 75 octets per physical line, continuation lines starting with one space,
 * never cutting inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; a continuation line's leading space takes one of its 75.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A calendar (one event's file, or a process's feed) as iCalendar text. */
export function calendarOf(input: { readonly name: string; readonly entries: readonly CalendarEntry[]; readonly stamp: Date }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tingsted//Events//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(input.name)}`];
  for (const entry of input.entries) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${entry.uid}`,
      `DTSTAMP:${utcStamp(input.stamp)}`,
      `LAST-MODIFIED:${utcStamp(entry.updatedAt)}`,
      `DTSTART:${utcStamp(entry.startsAt)}`,
    );
    if (entry.endsAt) lines.push(`DTEND:${utcStamp(entry.endsAt)}`);
    lines.push(`SUMMARY:${escapeText(entry.title)}`);
    if (entry.description.trim() !== '') lines.push(`DESCRIPTION:${escapeText(entry.description)}`);
    if (entry.location.trim() !== '') lines.push(`LOCATION:${escapeText(entry.location)}`);
    if (entry.url) lines.push(`URL:${entry.url}`);
    lines.push('STATUS:CONFIRMED', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
