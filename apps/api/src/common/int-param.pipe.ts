import { PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error';

/** Largest value of a Postgres `integer` column. */
const MAX_INT4 = 2_147_483_647;

/**
 * `@Param('version', positiveIntParam('version'))`: a positive integer that fits an `integer` column;
 * anything else is a 400 naming the parameter, never a database range error.
 */
export function positiveIntParam(name: string): PipeTransform<string, number> {
  return {
    transform(value: string): number {
      const parsed = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
      if (!(parsed >= 1 && parsed <= MAX_INT4))
        throw ApiError.validation([{ path: name, message: `must be an integer from 1 to ${MAX_INT4}` }]);
      return parsed;
    },
  };
}
