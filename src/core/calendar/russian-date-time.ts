/** One formatter per time zone: building an `Intl.DateTimeFormat` is the costly part. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `25.11.2026 10:00`: an instant as Russian documents write it, in a time zone (a school's).
 * Built from the parts, so it reads the same whatever the ICU data's punctuation.
 */
export function russianDateTime(instant: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('ru-RU', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}
