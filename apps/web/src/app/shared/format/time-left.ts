import { timeLeft } from '@tremplin/domain';

export interface TimeLeftText {
  key: string;
  params: Record<string, number>;
}

/** Countdown wording ("Clôture dans 12 jours") from the domain's `timeLeft`. */
export function timeLeftText(closesAtIso: string, now: Date): TimeLeftText {
  const left = timeLeft(new Date(closesAtIso), now);
  if (left.closed) return { key: 'calls.timeLeft.closed', params: {} };
  if (left.days >= 2) return { key: 'calls.timeLeft.days', params: { count: left.days } };
  if (left.days === 1) return { key: 'calls.timeLeft.oneDay', params: { hours: left.hours } };
  if (left.hours >= 1) return { key: 'calls.timeLeft.hours', params: { count: left.hours, minutes: left.minutes } };
  return { key: 'calls.timeLeft.minutes', params: { count: left.minutes } };
}
