import { createHash } from 'node:crypto';
import type { ClientConfig } from 'pg';
import { GuardedPgClient } from './guarded-pg-client';

/** Statements one connection keeps prepared; past it, new texts run unnamed (each parsed and planned), as before. */
export const PREPARED_STATEMENTS_PER_CONNECTION = 200;

/**
 * A pg client that prepares each parameterised statement once per connection (a named statement, keyed by a hash of its
 * text) and afterwards only binds and executes it: Postgres skips parsing and, once it settles on a generic plan,
 * planning — most of a short statement's cost on the engine's hot path (issue 15). Statements without parameters
 * (transaction control, DDL, multi-statement migrations) run as before. The cap bounds each backend's memory when
 * texts vary (IN lists of many lengths).
 */
export class PreparingPgClient extends GuardedPgClient {
  private readonly prepared = new Map<string, string>();

  constructor(config?: string | ClientConfig) {
    super(config);
  }

  // pg's overloads are many; this one intercepts only `query(text, values[, callback])`.
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = this.statementName(text);
      if (name) return (super.query as any)({ name, text, values }, callback);
    }
    return (super.query as any)(...args);
  }

  private statementName(text: string): string | null {
    const known = this.prepared.get(text);
    if (known) return known;
    if (this.prepared.size >= PREPARED_STATEMENTS_PER_CONNECTION) return null;
    const name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    this.prepared.set(text, name);
    return name;
  }
}
