import { isUUID } from 'class-validator';
import type { RunStatus } from '@automations/domain';
import { BULK_ACTION_STATUSES, type BulkRunAction } from '@automations/engine';
import type { FieldErrorDetail } from '../../common/api-error';

/** A bulk request once its shape is checked (class-validator): the fields that need the action or each other. */
export interface BulkRunsRequest {
  runIds?: unknown[];
  filter?: { status?: RunStatus; from?: string; to?: string };
}

/**
 * What is wrong with a bulk request beyond its shape, each with its field path: exactly one of `runIds` and `filter`,
 * each id a UUID (`runIds[i]`), `from` not after `to`, and a status filter the action applies to.
 */
export function bulkRunsRequestProblems(action: BulkRunAction, body: BulkRunsRequest): FieldErrorDetail[] {
  const hasIds = body.runIds !== undefined;
  const hasFilter = body.filter !== undefined;
  if (hasIds === hasFilter)
    return [{ path: '', message: hasIds ? 'give runIds or filter, not both' : 'give runIds or filter' }];
  const problems: FieldErrorDetail[] = [];
  (body.runIds ?? []).forEach((id, index) => {
    if (typeof id !== 'string' || !isUUID(id)) problems.push({ path: `runIds[${index}]`, message: 'must be a UUID' });
  });
  const filter = body.filter;
  if (filter?.status && !BULK_ACTION_STATUSES[action].includes(filter.status))
    problems.push({
      path: 'filter.status',
      message: `${action} applies to ${BULK_ACTION_STATUSES[action].join(', ')} runs only`,
    });
  if (filter?.from && filter.to && new Date(filter.from) > new Date(filter.to))
    problems.push({ path: 'filter.to', message: 'must not be before from' });
  return problems;
}
