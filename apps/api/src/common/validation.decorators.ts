import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

/** Timestamps up to this far ahead of the server clock are accepted (clock skew of the sender). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * The field may be omitted, but `null` is rejected by the field's other validators
 * (class-validator's `@IsOptional()` lets `null` through, which would reach NOT NULL columns).
 */
export function IsOptionalNonNullable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** An ISO 8601 timestamp that is not in the future (beyond FUTURE_TOLERANCE_MS). Pair it with `@IsISO8601()`. */
export function IsNotFuture(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotFuture',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must not be in the future', ...options },
      validator: {
        validate(value: unknown) {
          const at = typeof value === 'string' ? Date.parse(value) : NaN;
          // Unparseable values are reported by @IsISO8601.
          return Number.isNaN(at) || at <= Date.now() + FUTURE_TOLERANCE_MS;
        },
      },
    });
}

/** Query-string booleans: `true` / `false` become booleans; anything else stays for `@IsBoolean()` to reject. */
export function ToBoolean(): PropertyDecorator {
  return Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
}
