import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';
import { NON_BLANK_REGEX, STAGE_MAX_LENGTH } from '../event-types';

/** `client.stage_changed`: a stage change reported by the integrator (recorded as a fact; the client row is not changed). */
export class StageChangedDataDto {
  @ApiPropertyOptional({ example: 'lead', maxLength: STAGE_MAX_LENGTH })
  @IsOptionalNonNullable()
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(STAGE_MAX_LENGTH)
  fromStage?: string;

  @ApiProperty({ example: 'onboarding', maxLength: STAGE_MAX_LENGTH })
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(STAGE_MAX_LENGTH)
  toStage: string;
}
