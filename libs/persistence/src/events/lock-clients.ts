import type { EntityManager } from 'typeorm';
import { AgencyScopedRepository } from '../agency-scoped.repository';
import { ClientEntity } from '../entities/client.entity';

/**
 * Locks clients of the agency (`FOR NO KEY UPDATE`, so event and metric inserts referencing them
 * are not blocked) in id order and returns those that exist, deleted ones included. Every writer
 * of clients locks them first, in this order, before claiming idempotency keys: no deadlocks.
 * Must run inside a transaction.
 */
export function lockClients(
  manager: EntityManager,
  agencyId: string,
  clientIds: Iterable<string>,
): Promise<ClientEntity[]> {
  const ids = [...new Set(clientIds)];
  if (ids.length === 0) return Promise.resolve([]);
  return AgencyScopedRepository.for(manager, ClientEntity, agencyId)
    .query('client')
    .andWhere('client.id IN (:...ids)', { ids })
    .orderBy('client.id', 'ASC')
    .setLock('for_no_key_update')
    .getMany();
}
