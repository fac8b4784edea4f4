import { ApiProperty } from '@nestjs/swagger';
import { TEMPLATE_CATEGORIES, TEMPLATE_SOURCES, type TemplateCategory, type TemplateSource } from '@automations/domain';
import { PageMetaDto } from '../../../common/page.dto';
import { TemplatePlaceholderDto } from './template-placeholder.dto';

export class TemplateSharedFromDto {
  @ApiProperty({ example: 'Northwind Agency', description: 'Name of the agency that shared it' }) agencyName: string;
}

export class TemplateShareStatusDto {
  @ApiProperty({ format: 'date-time', description: 'When the live share code stops working' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TemplateDto {
  @ApiProperty({
    example: 'builtin-onboarding-kickoff',
    description: '`builtin-<slug>` for a built-in template, a UUID otherwise',
  })
  id: string;
  @ApiProperty({ example: 'Onboarding kickoff' }) name: string;
  @ApiProperty({ example: 'Kick off every new client with a call, a welcome and a heads-up to the team' })
  description: string;
  @ApiProperty({ enum: TEMPLATE_CATEGORIES, example: 'onboarding' }) category: TemplateCategory;
  @ApiProperty({
    enum: TEMPLATE_SOURCES,
    example: 'builtin',
    description:
      'builtin ships with the product (read-only); agency was saved by your agency; shared was imported from another agency',
  })
  source: TemplateSource;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'A workflow definition (PRODUCT.md §2) in which any value may be `{"$placeholder": "key"}`',
    example: {
      name: 'Onboarding kickoff',
      triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
      steps: [
        {
          id: 'notify',
          type: 'send_notification',
          config: {
            channel: 'slack',
            recipients: { $placeholder: 'alertsChannel' },
            message: '{{client.name}} is onboarding',
          },
        },
      ],
    },
  })
  definition: Record<string, unknown>;
  @ApiProperty({ type: [TemplatePlaceholderDto] }) placeholders: TemplatePlaceholderDto[];
  @ApiProperty({ example: 3, description: 'Automations your agency created from it' }) usageCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    type: TemplateSharedFromDto,
    nullable: true,
    description: 'Set on templates imported from another agency',
  })
  sharedFrom: TemplateSharedFromDto | null;
  @ApiProperty({ type: [String], example: ['stage_change'], description: 'Trigger types of the definition, in order' })
  triggerTypes: string[];
  @ApiProperty({
    type: [String],
    example: ['create_task', 'send_notification'],
    description: 'Distinct action types of the definition (branches included), in order of appearance',
  })
  actionTypes: string[];
  @ApiProperty({
    type: TemplateShareStatusDto,
    nullable: true,
    description:
      'The live share code’s expiry; null when the template is not shared (the code itself is only shown once, when created)',
  })
  share: TemplateShareStatusDto | null;
}

export class TemplatePageDto extends PageMetaDto {
  @ApiProperty({ type: [TemplateDto] }) items: TemplateDto[];
}
