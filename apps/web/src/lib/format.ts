const toDate = (value: string | number | Date): Date =>
  value instanceof Date ? value : new Date(value);

/** "just now", "5 minutes ago", "yesterday", "3 days ago", then a date. */
export function formatRelativeTime(
  value: string | number | Date,
  now: Date = new Date(),
  locale?: string,
): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < 60 * 60) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 60 * 60 * 24) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 60 * 60 * 24 * 7) return rtf.format(Math.round(seconds / 86400), 'day');
  return formatDate(date, locale, date.getFullYear() !== now.getFullYear());
}

/**
 * A deadline in the future, in days while it is within a month: "in 7 days", "tomorrow",
 * "in 5 hours"; past ones read like formatRelativeTime ("3 days ago").
 */
export function formatDeadline(
  value: string | number | Date,
  now: Date = new Date(),
  locale?: string,
): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (seconds <= 0 || seconds < 60 * 60 * 24) return formatRelativeTime(date, now, locale);
  const days = Math.round(seconds / 86400);
  if (days > 31) return formatDate(date, locale, date.getFullYear() !== now.getFullYear());
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
}

export function formatDate(
  value: string | number | Date,
  locale?: string,
  withYear = true,
): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(date);
}

export function formatDateTime(value: string | number | Date, locale?: string): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "Good morning" / "Good afternoon" / "Good evening" for an hour of the day (0–23). */
export function greeting(hour: number): string {
  if (hour >= 5 && hour < 12) return 'Good morning';
  if (hour >= 12 && hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** The first word of a name, for a friendly greeting; empty when there is no name. */
export function firstName(name: string | null | undefined): string {
  return (name ?? '').trim().split(/\s+/)[0] ?? '';
}
