import { ApiPropertyOptional } from '@nestjs/swagger';
import { TEMPLATE_CATEGORIES, type TemplateCategory } from '@automations/domain';
import { TemplatePlaceholderDto } from './template-placeholder.dto';

/** `PATCH /templates/{id}`: any subset of the content; the result is validated as a whole. */
export class UpdateTemplateDto {
  @ApiPropertyOptional({ example: 'ROAS drop rescue v2' }) name?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ enum: TEMPLATE_CATEGORIES }) category?: TemplateCategory;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Send `placeholders` along when the placeholders it uses change',
  })
  definition?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [TemplatePlaceholderDto] }) placeholders?: TemplatePlaceholderDto[];
}
