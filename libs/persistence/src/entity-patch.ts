import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * A type-checked partial row for `insert`/`update`. TypeORM's QueryDeepPartialEntity cannot digest
 * jsonb columns typed `Record<string, unknown>`, so the row is checked as `Partial<T>` and then handed over.
 */
export function entityPatch<T>(patch: Partial<T>): QueryDeepPartialEntity<T> {
  return patch as QueryDeepPartialEntity<T>;
}
