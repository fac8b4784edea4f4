import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import {
  MAX_WORKFLOW_DESCRIPTION_LENGTH,
  MAX_WORKFLOW_NAME_LENGTH,
  TEMPLATE_CATEGORIES,
  type TemplateCategory,
} from '@automations/domain';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';

/** `POST /templates` from one of the agency's automations: its agency-specific values become placeholders. */
export class CreateTemplateFromWorkflowDto {
  @ApiProperty({ format: 'uuid', description: 'The automation to save as a template' })
  @IsUUID()
  fromWorkflowId: string;
  @ApiPropertyOptional({ example: 'Onboarding kickoff', description: 'Defaults to the automation’s name' })
  @IsOptionalNonNullable()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(MAX_WORKFLOW_NAME_LENGTH)
  name?: string;
  @ApiPropertyOptional({ description: 'Defaults to the automation’s description' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_WORKFLOW_DESCRIPTION_LENGTH)
  description?: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES }) @IsIn(TEMPLATE_CATEGORIES) category: TemplateCategory;
}
