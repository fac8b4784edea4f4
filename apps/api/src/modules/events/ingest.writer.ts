import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lockClients } from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import { assertKnownStages } from '../../common/pipeline-stages';
import { clientKey, reportedStages, requestError, unknownClientError } from './ingest-checks';
import type { IngestRequest } from './ingest-request';
import { IngestStore } from './ingest.store';

/** A request of a group: its ids once committed, or the error it alone gets (nothing of it is stored). */
export type GroupOutcome = { ids: string[] } | { error: ApiError };

/** Writes ingest requests: one alone in its own transaction, or a group sharing one transaction. */
@Injectable()
export class IngestWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: IngestStore,
  ) {}

  /** The one-request path: its own transaction; a bad input throws its ApiError. */
  writeAlone(request: IngestRequest): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const known = await lockClients(
        manager,
        request.agencyId,
        request.events.map((event) => event.clientId),
      );
      const error = unknownClientError(request, new Set(known.map((client) => clientKey(request.agencyId, client.id))));
      if (error) throw error;
      await assertKnownStages(manager, request.agencyId, reportedStages(request));
      const [ids] = await this.store.store(manager, [request]);
      return ids;
    });
  }

  /**
   * One transaction for the group: its clients locked with one statement, the stages of its agencies
   * read with one, each request checked alone (a bad one gets its own error and stores nothing), the
   * others stored together. Rejects only when the transaction fails (a database error).
   */
  writeGroup(requests: readonly IngestRequest[]): Promise<GroupOutcome[]> {
    return this.dataSource.transaction(async (manager) => {
      const known = await this.lockGroupClients(manager, requests);
      const stages = await this.loadStages(
        manager,
        requests.filter((request) => reportedStages(request).length > 0).map((request) => request.agencyId),
      );
      const errors = requests.map((request) => requestError(request, known, stages));
      const accepted = requests.filter((_, position) => errors[position] === null);
      const stored = await this.store.store(manager, accepted);
      let next = 0;
      return errors.map((error) => (error ? { error } : { ids: stored[next++] }));
    });
  }

  /**
   * Locks every client the group names, across its agencies, in id order like `lockClients` (so
   * writers cannot deadlock), and returns the `clientKey`s of those that exist, deleted ones included.
   */
  private async lockGroupClients(manager: EntityManager, requests: readonly IngestRequest[]): Promise<Set<string>> {
    const wanted = new Map<string, [agencyId: string, clientId: string]>();
    for (const { agencyId, events } of requests)
      for (const { clientId } of events) wanted.set(clientKey(agencyId, clientId), [agencyId, clientId]);
    const pairs = [...wanted.values()];
    const rows: { agency_id: string; id: string }[] = await manager.query(
      `SELECT c.agency_id, c.id FROM clients c
         JOIN unnest($1::uuid[], $2::uuid[]) AS wanted(agency_id, id) ON c.agency_id = wanted.agency_id AND c.id = wanted.id
        ORDER BY c.id
          FOR NO KEY UPDATE OF c`,
      [pairs.map(([agencyId]) => agencyId), pairs.map(([, clientId]) => clientId)],
    );
    return new Set(rows.map((row) => clientKey(row.agency_id, row.id)));
  }

  /** Pipeline stages of the agencies (an agency that does not exist is absent). Nothing to check reads nothing. */
  private async loadStages(manager: EntityManager, agencyIds: string[]): Promise<Map<string, string[]>> {
    if (agencyIds.length === 0) return new Map();
    const rows: { id: string; pipeline_stages: string[] }[] = await manager.query(
      `SELECT id, pipeline_stages FROM agencies WHERE id = ANY($1::uuid[])`,
      [[...new Set(agencyIds)]],
    );
    return new Map(rows.map((row) => [row.id, row.pipeline_stages]));
  }
}
