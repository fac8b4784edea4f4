import type { EntityManager } from 'typeorm';
import { AgencyEntity } from '@automations/persistence';
import { ApiError, type FieldErrorDetail } from './api-error';

export interface StageValue {
  /** Field path the error names, e.g. `stage`, `events[2].data.toStage`, `triggers[0].config.toStage`. */
  path: string;
  stage: string;
}

/** The agency's ordered pipeline stages (PRODUCT §8.7). */
export async function loadPipelineStages(manager: EntityManager, agencyId: string): Promise<string[]> {
  const agency = await manager
    .getRepository(AgencyEntity)
    .findOne({ where: { id: agencyId }, select: { id: true, pipelineStages: true } });
  if (!agency) throw ApiError.notFound('Agency');
  return agency.pipelineStages;
}

/** One error per value that is not one of `stages`, naming the field and the unknown stage. */
export function unknownStageErrors(stages: readonly string[], values: readonly StageValue[]): FieldErrorDetail[] {
  const known = new Set(stages);
  return values
    .filter((value) => !known.has(value.stage))
    .map((value) => ({
      path: value.path,
      message: `unknown stage '${value.stage}': the agency's pipeline stages are ${stages.join(', ')} (GET /api/v1/agency)`,
    }));
}

/** 400 naming every value that is not a pipeline stage of the agency. Nothing to check reads nothing. */
export async function assertKnownStages(
  manager: EntityManager,
  agencyId: string,
  values: readonly StageValue[],
): Promise<void> {
  if (values.length === 0) return;
  const errors = unknownStageErrors(await loadPipelineStages(manager, agencyId), values);
  if (errors.length) throw ApiError.validation(errors);
}
