import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TEMPLATE_CATEGORIES, type TemplateCategory } from '@automations/domain';
import { TemplatePlaceholderDto } from './template-placeholder.dto';

/** `POST /templates` with the content itself (checked by the domain's `validateTemplateContent`, paths like `definition.steps[0].config`). */
export class CreateTemplateDto {
  @ApiProperty({ example: 'ROAS drop rescue', maxLength: 200 }) name: string;
  @ApiPropertyOptional({ example: 'Alert the team and open a task when ROAS falls below a threshold' })
  description?: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES }) category: TemplateCategory;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'A workflow definition; values may be `{"$placeholder": "key"}`. Agency-specific literals (Slack ids, user ids, emails) become placeholders.',
  })
  definition: Record<string, unknown>;
  @ApiPropertyOptional({
    type: [TemplatePlaceholderDto],
    description: 'Each placeholder the definition uses, declared once',
  })
  placeholders?: TemplatePlaceholderDto[];
}
