import type { DataSource } from 'typeorm';

/** Every table of the database whose rows mention `needle` anywhere (each row as JSON text, jsonb columns included). */
export async function tablesContaining(dataSource: DataSource, needle: string): Promise<string[]> {
  const tables: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const [{ hits }]: { hits: number }[] = await dataSource.query(
      `SELECT count(*)::int AS hits FROM "${table}" t WHERE to_jsonb(t)::text LIKE $1`,
      [`%${needle}%`],
    );
    if (hits > 0) found.push(table);
  }
  return found;
}
