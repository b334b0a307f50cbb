export const TIMEZONE = 'Asia/Ho_Chi_Minh';

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIMEZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIMEZONE, hour: '2-digit', minute: '2-digit', hour12: false });

/** 24/11/2026 — the order Vietnamese readers expect, used in both languages. */
export function formatDay(date: Date): string {
  return dayFormat.format(date);
}

/** 08:30 24/11/2026 in Vietnam's time. */
export function formatDateTime(date: Date): string {
  return `${timeFormat.format(date)} ${dayFormat.format(date)}`;
}
