import { ApiProperty } from '@nestjs/swagger';
import { DEFAULT_MAX_RUNS_PER_MINUTE } from '../agency.constants';

export class AgencySettingsDto {
  @ApiProperty({
    example: DEFAULT_MAX_RUNS_PER_MINUTE,
    description: 'Runs started per minute; more are deferred, never dropped',
  })
  maxRunsPerMinute: number;
}
