import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ApiError } from './api-error';

/**
 * For actions that take no body (`retry`, `approve`): any field sent is refused (400 naming it), as
 * unknown fields are everywhere else, instead of being silently ignored — e.g. a `status` that
 * looks as if it could set the outcome.
 */
@Injectable()
export class RejectRequestBody implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const body: unknown = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    if (body !== undefined && body !== null) {
      if (typeof body !== 'object' || Array.isArray(body))
        throw ApiError.validation([{ path: '', message: 'this request takes no body' }]);
      const fields = Object.keys(body);
      if (fields.length)
        throw ApiError.validation(
          fields.map((field) => ({ path: field, message: 'unknown field: this request takes no body' })),
        );
    }
    return next.handle();
  }
}
