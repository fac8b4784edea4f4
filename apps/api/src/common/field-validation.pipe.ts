import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, FieldErrorDetail } from './api-error';

function flatten(errors: ValidationError[], parent = ''): FieldErrorDetail[] {
  return errors.flatMap((error) => {
    const path = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      path,
      message: message.replace(/^property \S+ /, 'unknown field: '),
    }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** class-validator at the REST edge: unknown fields rejected, every problem reported with its field path. */
export function createFieldValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiError.validation(flatten(errors)),
  });
}
