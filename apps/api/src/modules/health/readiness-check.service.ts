import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS_CLIENT } from '../../common/runtime-config.token';

export type DependencyState = 'up' | 'down';

/** Whether the API can serve: both of its stores answer. */
export interface Readiness {
  ok: boolean;
  checks: { postgres: DependencyState; redis: DependencyState };
}

/** A dependency is down when its probe fails or takes longer than this. */
const PROBE_TIMEOUT_MS = 2000;

async function probeState(probe: () => Promise<unknown>): Promise<DependencyState> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS)),
    ]);
    return 'up';
  } catch {
    return 'down';
  }
}

/** Probes Postgres (`SELECT 1`) and Redis (`PING`) at once, for the readiness endpoint. */
@Injectable()
export class ReadinessCheck {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  async run(): Promise<Readiness> {
    const [postgres, redis] = await Promise.all([
      probeState(() => this.dataSource.query('SELECT 1')),
      probeState(() => this.redis.ping()),
    ]);
    return { ok: postgres === 'up' && redis === 'up', checks: { postgres, redis } };
  }
}
