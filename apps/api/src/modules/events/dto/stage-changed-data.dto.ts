import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';
import { NON_BLANK_REGEX, STAGE_MAX_LENGTH } from '../event-types';

/** `client.stage_changed`: a stage change reported by the integrator (moves the stored stage when newer, see decisions). */
export class StageChangedDataDto {
  @ApiPropertyOptional({
    example: 'lead',
    maxLength: STAGE_MAX_LENGTH,
    description:
      'The stage the client left: history, not checked against the pipeline stages (it may name a stage removed since)',
  })
  @IsOptionalNonNullable()
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(STAGE_MAX_LENGTH)
  fromStage?: string;

  @ApiProperty({
    example: 'onboarding',
    maxLength: STAGE_MAX_LENGTH,
    description: "One of the agency's pipeline stages (GET /agency pipelineStages); another value is a 400",
  })
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(STAGE_MAX_LENGTH)
  toStage: string;
}
