import { ApiProperty } from '@nestjs/swagger';
import type { AgencyEntity } from '@automations/persistence';
import { DEFAULT_MAX_RUNS_PER_MINUTE } from '../agency.constants';
import { AgencySettingsDto } from './agency-settings.dto';

export class AgencyDto {
  @ApiProperty({ format: 'uuid', example: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e' }) id: string;
  @ApiProperty({ example: 'Demo Agency' }) name: string;
  @ApiProperty({
    example: 'Europe/Paris',
    description: 'IANA time zone: conditions on time.hour / time.weekday use it',
  })
  timezone: string;
  @ApiProperty({ type: AgencySettingsDto }) settings: AgencySettingsDto;
  @ApiProperty({
    type: [String],
    example: ['lead', 'onboarding', 'active', 'at_risk', 'churned'],
    description:
      'Ordered pipeline stages. Client stages, client.stage_changed toStage and every stage in a workflow definition must be one of them (400 otherwise)',
  })
  pipelineStages: string[];

  static from(agency: AgencyEntity): AgencyDto {
    return {
      id: agency.id,
      name: agency.name,
      timezone: agency.timezone,
      settings: { maxRunsPerMinute: agency.settings.maxRunsPerMinute ?? DEFAULT_MAX_RUNS_PER_MINUTE },
      pipelineStages: agency.pipelineStages,
    };
  }
}
