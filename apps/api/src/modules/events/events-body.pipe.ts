import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { createFieldValidationPipe } from '../../common/field-validation.pipe';
import { EventBatchDto } from './dto/event-batch.dto';
import { EventInputDto } from './dto/event-input.dto';

/**
 * `POST /events` takes one event or `{events: [...]}`: picks the shape, then validates it with the
 * global rules (unknown fields rejected, field paths such as `events[3].data.metric`).
 */
@Injectable()
export class EventsBodyPipe implements PipeTransform<unknown, Promise<EventInputDto | EventBatchDto>> {
  private readonly validation = createFieldValidationPipe();

  transform(body: unknown): Promise<EventInputDto | EventBatchDto> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw ApiError.validation([{ path: '', message: 'body must be an event object or {"events": [...]}' }]);
    }
    const metatype = 'events' in body ? EventBatchDto : EventInputDto;
    return this.validation.transform(body, { type: 'body', metatype });
  }
}
