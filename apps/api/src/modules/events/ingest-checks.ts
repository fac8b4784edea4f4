import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { StageValue, unknownStageErrors } from '../../common/pipeline-stages';
import { fieldPath, IngestRequest } from './ingest-request';

/** `agencyId` + `clientId`: one key for a client across the agencies of a group. */
export const clientKey = (agencyId: string, clientId: string) => `${agencyId}\u0000${clientId}`;

/** The `toStage` values a request names; `fromStage` is history (it may name a stage removed since) and is not checked. */
export function reportedStages(request: IngestRequest): StageValue[] {
  return request.events.flatMap((event, index) =>
    event.type === 'client.stage_changed'
      ? [{ path: fieldPath(request, index, 'data.toStage'), stage: (event.data as { toStage: string }).toStage }]
      : [],
  );
}

/** 404 for the request's first client unknown to its agency (`known` holds `clientKey`s), or null. */
export function unknownClientError(request: IngestRequest, known: ReadonlySet<string>): ApiError | null {
  const unknown = request.events.findIndex((event) => !known.has(clientKey(request.agencyId, event.clientId)));
  if (unknown < 0) return null;
  return new ApiError(HttpStatus.NOT_FOUND, 'Client not found', [
    { path: fieldPath(request, unknown, 'clientId'), message: 'no such client' },
  ]);
}

/**
 * The error a request gets before anything is stored — the same as the one-request path's: an unknown
 * client first (404), then unknown stages (400). `stagesByAgency` lacks an agency only when it does not exist.
 */
export function requestError(
  request: IngestRequest,
  knownClients: ReadonlySet<string>,
  stagesByAgency: ReadonlyMap<string, readonly string[]>,
): ApiError | null {
  const clientError = unknownClientError(request, knownClients);
  if (clientError) return clientError;
  const values = reportedStages(request);
  if (values.length === 0) return null;
  const stages = stagesByAgency.get(request.agencyId);
  if (!stages) return ApiError.notFound('Agency');
  const errors = unknownStageErrors(stages, values);
  return errors.length ? ApiError.validation(errors) : null;
}
