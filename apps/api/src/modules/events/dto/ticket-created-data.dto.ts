import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';
import { TASK_PRIORITIES, TaskPriority } from '@automations/domain';
import { NON_BLANK_REGEX } from '../event-types';

/** `ticket.created`: a support ticket opened in the integrator's helpdesk. */
export class TicketCreatedDataDto {
  @ApiPropertyOptional({ example: 'ZD-10422', maxLength: 200 })
  @IsOptionalNonNullable()
  @IsString()
  @MaxLength(200)
  ticketId?: string;

  @ApiProperty({ example: 'billing', maxLength: 64 })
  @IsString()
  @Matches(NON_BLANK_REGEX, { message: 'must not be blank' })
  @MaxLength(64)
  category: string;

  @ApiProperty({ enum: TASK_PRIORITIES, example: 'high' })
  @IsIn(TASK_PRIORITIES)
  priority: TaskPriority;
}
