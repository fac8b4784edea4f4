import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, IsTimeZone, Matches, MaxLength, ValidateNested } from 'class-validator';
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
}
