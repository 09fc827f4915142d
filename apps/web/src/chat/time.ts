const timeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', hour12: true });
const time24Fmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** A post's time: 12-hour clock unless the user chose 24-hour (display_settings use_military_time). */
export const formatTime = (ms: number, use24 = false) => (use24 ? time24Fmt : timeFmt).format(ms);
export const formatFull = (ms: number) => fullFmt.format(ms);

export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

export function formatDay(ms: number): string {
  const today = dayKey(Date.now());
  if (dayKey(ms) === today) return 'Today';
  if (dayKey(ms) === dayKey(Date.now() - 86_400_000)) return 'Yesterday';
  return dayFmt.format(ms);
}
