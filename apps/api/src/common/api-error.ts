import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldErrorDetail {
  path: string;
  message: string;
}

/** Error body of every failed request: `{statusCode, error, message, details?}`. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, message: string, details?: FieldErrorDetail[] | Record<string, unknown>) {
    super({ message, details }, status);
  }

  static badRequest(message: string, details?: FieldErrorDetail[]) {
    return new ApiError(HttpStatus.BAD_REQUEST, message, details);
  }

  static validation(details: FieldErrorDetail[]) {
    const first = details[0];
    const summary = first ? `${first.path}: ${first.message}` : 'Invalid request';
    return new ApiError(
      HttpStatus.BAD_REQUEST,
      details.length > 1 ? `${summary} (and ${details.length - 1} more)` : summary,
      details,
    );
  }

  static notFound(what: string) {
    return new ApiError(HttpStatus.NOT_FOUND, `${what} not found`);
  }

  static conflict(message: string) {
    return new ApiError(HttpStatus.CONFLICT, message);
  }

  static unauthorized(message = 'Authentication required') {
    return new ApiError(HttpStatus.UNAUTHORIZED, message);
  }

  static forbidden(message: string) {
    return new ApiError(HttpStatus.FORBIDDEN, message);
  }
}
