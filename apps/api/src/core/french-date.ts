const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/**
 * "15 septembre 2016", "1er janvier 2017": the date as French letters and mails write it, from an
 * instant (its day in Paris) or a calendar date (YYYY-MM-DD, read as that day, not as an instant).
 */
export function frenchDate(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  return longDate.format(date).replace(/^1 /, '1er ');
}
