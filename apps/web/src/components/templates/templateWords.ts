import type { Template } from './templateModel';

/** "Not used yet", "Used once", "Used 3 times". */
export function usageWords(count: number): string {
  if (count <= 0) return 'Not used yet';
  if (count === 1) return 'Used once';
  return `Used ${new Intl.NumberFormat('en').format(count)} times`;
}

/** Where a template comes from, as its badge says it. */
export function sourceWords(template: Pick<Template, 'source' | 'sharedFrom'>): string {
  if (template.source === 'builtin') return 'Built-in';
  if (template.source === 'agency') return 'Your agency';
  return template.sharedFrom ? `Shared by ${template.sharedFrom.agencyName}` : 'Shared';
}

const dateWords = new Intl.DateTimeFormat('en', { dateStyle: 'long' });

/** "January 2, 2027" */
export function dateInWords(iso: string): string {
  return dateWords.format(new Date(iso));
}

const relativeDays = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "January 2, 2027 (in 30 days)": when a share code stops working. */
export function expiryInWords(iso: string, now: number = Date.now()): string {
  const days = Math.max(0, Math.round((new Date(iso).getTime() - now) / 86_400_000));
  return `${dateInWords(iso)} (${relativeDays.format(days, 'day')})`;
}
