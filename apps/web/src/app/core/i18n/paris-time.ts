import { formatDate } from '@angular/common';
import type { Lang } from '@tremplin/contracts';

/** Call dates are shown and typed in the Département's time zone, whatever the browser's. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

const offsetFormatter = new Intl.DateTimeFormat('en-US', { timeZone: PARIS_TIME_ZONE, timeZoneName: 'longOffset' });

/** Offset of Paris from UTC at that instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(date: Date): number {
  const name = offsetFormatter.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** Offset as Angular's formatDate expects it: "+0100". */
export function parisOffset(date: Date): string {
  const minutes = parisOffsetMinutes(date);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

export type DateStyle = 'dateTime' | 'date' | 'short';

const FORMATS: Record<Lang, Record<DateStyle, string>> = {
  fr: { dateTime: "d MMMM y 'à' HH:mm", date: 'd MMMM y', short: 'dd/MM/y HH:mm' },
  en: { dateTime: "d MMMM y 'at' HH:mm", date: 'd MMMM y', short: 'dd/MM/y HH:mm' },
};

/** "26 novembre 2026 à 14:00" (fr) / "26 November 2026 at 14:00" (en), in Paris time. */
export function formatParisDate(value: string | Date, lang: Lang, style: DateStyle = 'dateTime'): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return formatDate(date, FORMATS[lang][style], lang, parisOffset(date));
}

/** ISO instant → value for `<input type="datetime-local">`, in Paris time ("2026-11-26T14:00"). */
export function isoToParisLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const shifted = new Date(date.getTime() + parisOffsetMinutes(date) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

/** `datetime-local` value read as Paris time → ISO instant (UTC), or null when unreadable. */
export function parisLocalInputToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const asUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
  // Two passes settle the offset around daylight-saving changes.
  let instant = asUtc - parisOffsetMinutes(new Date(asUtc)) * 60_000;
  instant = asUtc - parisOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant).toISOString();
}

/** A calendar day (yyyy-MM-dd) in Paris → ISO instant of its start, or of its last millisecond. */
export function parisDayBoundToIso(day: string, bound: 'start' | 'end'): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const start = parisLocalInputToIso(`${day}T00:00`);
  if (start === null) return null;
  if (bound === 'start') return start;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  const nextStart = parisLocalInputToIso(`${next}T00:00`);
  return nextStart === null ? null : new Date(new Date(nextStart).getTime() - 1).toISOString();
}
