import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsString,
  IsTimeZone,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MAX_PIPELINE_STAGES } from '@automations/domain';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';
import { UpdateAgencySettingsDto } from './update-agency-settings.dto';

export class UpdateAgencyDto {
  @ApiPropertyOptional({ example: 'Demo Agency GmbH', maxLength: 200 })
  @IsOptionalNonNullable()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'America/New_York', description: 'An IANA time zone' })
  @IsOptionalNonNullable()
  @IsString()
  @IsTimeZone({ message: 'must be an IANA time zone such as Europe/Paris' })
  timezone?: string;

  @ApiPropertyOptional({ type: UpdateAgencySettingsDto, description: 'Only the given settings change' })
  @IsOptionalNonNullable()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateAgencySettingsDto)
  settings?: UpdateAgencySettingsDto;

  @ApiPropertyOptional({
    type: [String],
    example: ['lead', 'onboarding', 'active', 'at_risk', 'churned'],
    maxItems: MAX_PIPELINE_STAGES,
    description:
      'The whole ordered list of pipeline stages (replaces the stored one): lowercase names (letters, digits, _ or -, at most 64 characters), no duplicates. ' +
      'Removing (or renaming) a stage that non-deleted clients are in or that an active automation names is a 409 saying where it is used: move those clients and edit those automations first.',
  })
  @IsOptionalNonNullable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PIPELINE_STAGES)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  pipelineStages?: string[];
}
