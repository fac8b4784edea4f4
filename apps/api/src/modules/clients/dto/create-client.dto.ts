import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CLIENT_HEALTH, ClientHealth } from '@automations/domain';
import { IsNotFuture, IsOptionalNonNullable } from '../../../common/validation.decorators';
import { NON_BLANK_REGEX, STAGE_MAX_LENGTH } from '../../events/event-types';

export class CreateClientDto {
  @ApiProperty({ example: 'Acme Outdoor', maxLength: 200 })
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: 'onboarding',
    maxLength: STAGE_MAX_LENGTH,
    description: "One of the agency's pipeline stages (GET /agency pipelineStages); another value is a 400",
  })
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(STAGE_MAX_LENGTH)
  stage: string;

  @ApiPropertyOptional({ enum: CLIENT_HEALTH, default: 'green', example: 'green' })
  @IsOptionalNonNullable()
  @IsIn(CLIENT_HEALTH)
  health?: ClientHealth;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    description: 'An active user of your agency',
  })
  @IsOptionalNonNullable()
  @IsUUID()
  assigneeId?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-02-20T16:00:00.000Z',
    description: 'For imports: the last known activity (default: now); not in the future',
  })
  @IsOptionalNonNullable()
  @IsISO8601({ strict: true })
  @IsNotFuture()
  lastActivityAt?: string;
}
