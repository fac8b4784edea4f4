import type { DataSource } from 'typeorm';
import type { ClientTriggerState } from '@automations/domain';
import { AgencyEntity } from '@automations/persistence';
import { loadTriggerState, takeClientSnapshot, type ClientSnapshot } from '../context/client-snapshot';
import { withReadOnlyTransaction } from './read-only-transaction';

/**
 * The only database capability a preview gets: the reads a run makes when it is triggered (the
 * client snapshot and the facts of the triggers' state forms), plus the agency's name and time
 * zone for a sample client. Each read runs in its own `READ ONLY` transaction, and the data
 * source is a private field: no caller can reach a writable connection through this object.
 */
export class ReadOnlyClientReader {
  readonly #dataSource: DataSource;

  constructor(dataSource: DataSource) {
    this.#dataSource = dataSource;
  }

  /** The snapshot a run would take of the client (null when it is not a client of the agency). */
  takeSnapshot(agencyId: string, clientId: string): Promise<ClientSnapshot | null> {
    return withReadOnlyTransaction(this.#dataSource, (manager) => takeClientSnapshot(manager, agencyId, clientId));
  }

  /** What the triggers' state forms read for the client: the snapshot plus its last 24 h of messages and tickets. */
  loadTriggerState(snapshot: ClientSnapshot): Promise<ClientTriggerState> {
    return withReadOnlyTransaction(this.#dataSource, (manager) => loadTriggerState(manager, snapshot));
  }

  /** The agency's name and time zone (templates and `time.*` conditions of a sample client). */
  agency(agencyId: string): Promise<ClientSnapshot['agency'] | null> {
    return withReadOnlyTransaction(this.#dataSource, async (manager) => {
      const agency = await manager.getRepository(AgencyEntity).findOne({ where: { id: agencyId } });
      return agency ? { id: agency.id, name: agency.name, timezone: agency.timezone } : null;
    });
  }
}
