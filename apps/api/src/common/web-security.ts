import { STATUS_CODES } from 'node:http';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrorDetail } from './api-error';

/**
 * Content-Security-Policy of every answer (the SPA, Swagger UI, the API): scripts only from this origin, never inline
 * (the built index.html and Swagger UI load theirs from files); styles from this origin plus inline `<style>`
 * elements, which Mantine (and Swagger UI's page) inject at runtime; images from this origin and `data:` URLs;
 * fetches (REST, the live stream) to this origin; no plugins, no framing, no foreign form targets.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** HSTS for answers that reached us over HTTPS (directly, or as the `X-Forwarded-Proto` of a trusted proxy). */
export const HSTS_HEADER = 'max-age=31536000; includeSubDomains';

/** REST answers carry tokens and tenant data: never stored by browsers or shared caches. */
const NO_STORE_PATHS = /^\/(api\/v1|metrics)(\/|\?|$)/;

const NUL = '\u0000';

/** The first NUL character in a parsed query string or path parameters, as a field error. */
export function findNulInStrings(values: unknown, kind: 'query' | 'path'): FieldErrorDetail | null {
  if (!values || typeof values !== 'object') return null;
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    if (key.includes(NUL))
      return { path: key, message: `${kind} parameter names must not contain NUL (\\u0000) characters` };
    const items = Array.isArray(value) ? value : [value];
    if (items.some((item) => typeof item === 'string' && item.includes(NUL)))
      return { path: key, message: 'must not contain NUL (\\u0000) characters' };
  }
  return null;
}

function sendBadRequest(reply: FastifyReply, problem: FieldErrorDetail): FastifyReply {
  return reply.code(400).send({
    statusCode: 400,
    error: STATUS_CODES[400],
    message: `${problem.path}: ${problem.message}`,
    details: [problem],
  });
}

/**
 * Security headers (helmet: CSP, `frame-ancestors 'none'` and X-Frame-Options DENY, nosniff, `Referrer-Policy:
 * no-referrer`, COOP/CORP), HSTS over HTTPS only, `Cache-Control: no-store` on the REST API and /metrics, and the
 * NUL screen of query strings and path parameters (Postgres text cannot hold NUL: it surfaced as a 500). Call before
 * `app.init()`.
 */
export async function registerWebSecurity(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // Set per request below: only an HTTPS answer may pin browsers to HTTPS.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS_HEADER);
    if (NO_STORE_PATHS.test(request.url)) void reply.header('cache-control', 'no-store');
    const problem = findNulInStrings(request.query, 'query');
    if (problem) return sendBadRequest(reply, problem);
  });
  fastify.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const problem = findNulInStrings(request.params, 'path');
    if (problem) return sendBadRequest(reply, problem);
  });
}
