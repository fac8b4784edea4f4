/** Anything that runs a raw query: a DataSource, an EntityManager or a QueryRunner. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The rows of a raw query's result. TypeORM's Postgres driver answers `[rows, affectedCount]` for UPDATE and DELETE
 * (… RETURNING) and the rows alone for SELECT and INSERT; this reads both.
 */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
