import { applyDecorators } from '@nestjs/common';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateIf, ValidateNested } from 'class-validator';
import { isEventType } from '../event-types';
import { EVENT_DATA_DTOS } from './event-data.registry';

/**
 * The `data` of an event, validated as the DTO of its `type` (`POST /events` and the preview's event). Listed in the
 * order stacked decorators run (bottom-up), so the metadata and the validation messages stay in the same order.
 */
export function EventDataProperty(doc: { description: string; example: Record<string, unknown> }) {
  return applyDecorators(
    Type((options) => {
      const type: unknown = options?.object.type;
      return isEventType(type) ? EVENT_DATA_DTOS[type] : Object;
    }),
    ValidateNested(),
    IsObject(),
    // With an unknown `type` only the type is reported, not every field of `data`.
    ValidateIf((event: { type?: unknown }) => isEventType(event.type)),
    ApiProperty({
      description: doc.description,
      oneOf: Object.values(EVENT_DATA_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })),
      example: doc.example,
    }),
  );
}
