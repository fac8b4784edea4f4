import { ApiProperty } from '@nestjs/swagger';
import { PORTABLE_WORKFLOW_FORMAT } from '@automations/domain';
import { TemplatePlaceholderDto } from './template-placeholder.dto';

/** A workflow as a file (PRODUCT.md §8.2): agency-specific values are placeholders. */
export class PortableWorkflowDocumentDto {
  @ApiProperty({ enum: [PORTABLE_WORKFLOW_FORMAT], example: PORTABLE_WORKFLOW_FORMAT })
  format: typeof PORTABLE_WORKFLOW_FORMAT;
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The workflow definition; values may be `{"$placeholder": "key"}`',
  })
  definition: Record<string, unknown>;
  @ApiProperty({ type: [TemplatePlaceholderDto] }) placeholders: TemplatePlaceholderDto[];
}
