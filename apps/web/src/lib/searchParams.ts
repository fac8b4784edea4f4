/** Readers for filters kept in the URL, so reloads and shared links keep them. */

export function parsePage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A `yyyy-mm-dd` day from the URL, or null when absent or malformed. */
export function parseDay(value: string | null): string | null {
  return value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
}

/** Start of a local calendar day as an ISO instant (the range's `from`). */
export function startOfDay(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

/** End of a local calendar day, i.e. the start of the next one (the range's `to`, inclusive day). */
export function endOfDay(day: string): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** Applies changes to search params: empty values are removed. */
export function withParams(current: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** The URL's value for page `page`: none for the first page, so the first page has the plain URL. */
export const pageParam = (page: number): string | null => (page === 1 ? null : String(page));

/** Pages of a list answer (`total` items in pages of `pageSize`); 0 while there is no answer. */
export const pageCountOf = (list: { total: number; pageSize: number } | undefined): number =>
  list ? Math.ceil(list.total / list.pageSize) : 0;
