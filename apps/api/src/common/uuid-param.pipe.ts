import { ParseUUIDPipe } from '@nestjs/common';
import { ApiError } from './api-error';

/** `@Param('id', UuidParam)`: a malformed id is a 400 naming the parameter, not a database error. */
export const UuidParam = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => ApiError.validation([{ path: 'id', message: 'must be a UUID' }]),
});
