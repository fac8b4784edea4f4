import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Every error leaves as `{statusCode, error, message, details?}`; unexpected ones never leak internals. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { statusCode, message, details } = this.describe(exception);
    const body: Record<string, unknown> = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
    if (details !== undefined) body.details = details;
    void reply.status(statusCode).send(body);
  }

  private describe(exception: unknown): { statusCode: number; message: string; details?: unknown } {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'string') return { statusCode, message: response };
      const { message, details } = response as { message?: unknown; details?: unknown };
      const text = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
      return { statusCode, message: text, details };
    }
    const fastifyError = exception as FastifyLikeError;
    if (fastifyError?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return { statusCode: HttpStatus.PAYLOAD_TOO_LARGE, message: 'Request body exceeds the 1 MiB limit' };
    }
    if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return { statusCode: fastifyError.statusCode, message: fastifyError.message ?? 'Bad request' };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  }
}
