import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SLACK_ID_PATTERN } from '@automations/domain';

/** One value a template asks for when it is used (PRODUCT.md §8.1). */
export class TemplatePlaceholderDto {
  @ApiProperty({ example: 'alertsChannel', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' }) key: string;
  @ApiProperty({ example: 'Slack channel for alerts' }) label: string;
  @ApiProperty({ example: 'Where the team hears about it' }) description: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'JSON Schema of the value (type, enum, format email/uuid, minimum/maximum, items…; `x-picker` names the list to pick it from: user, slack-recipient, email-recipient, stage, metric)',
    example: {
      type: 'array',
      'x-picker': 'slack-recipient',
      minItems: 1,
      items: { type: 'string', pattern: SLACK_ID_PATTERN },
    },
  })
  schema: Record<string, unknown>;
  @ApiPropertyOptional({
    description: 'Value used when none is given (any JSON value valid against `schema`)',
    example: 2,
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: {} },
      { type: 'object', additionalProperties: true },
    ],
  })
  default?: unknown;
}
