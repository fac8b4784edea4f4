import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CLIENT_HEALTH, ClientHealth } from '@automations/domain';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';
import { NON_BLANK_REGEX, STAGE_MAX_LENGTH } from '../../events/event-types';

/** A change of `stage` stores a `client.stage_changed` event with the update. */
export class UpdateClientDto {
  @ApiPropertyOptional({ example: 'Acme Outdoor GmbH', maxLength: 200 })
  @IsOptionalNonNullable()
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    example: 'active',
    maxLength: STAGE_MAX_LENGTH,
    description:
      "One of the agency's pipeline stages (a 400 otherwise); keeping a stage the pipeline no longer has is allowed",
  })
  @IsOptionalNonNullable()
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(STAGE_MAX_LENGTH)
  stage?: string;

  @ApiPropertyOptional({ enum: CLIENT_HEALTH, example: 'yellow' })
  @IsOptionalNonNullable()
  @IsIn(CLIENT_HEALTH)
  health?: ClientHealth;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    description: 'An active user of your agency; null unassigns',
  })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}
