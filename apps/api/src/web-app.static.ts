import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const SERVER_PATHS = /^\/(api|health|metrics)(\/|$)/;

/** Serves the built SPA at / with a history fallback to index.html; API, docs and health keep their routes. */
export async function serveWebApp(app: NestFastifyApplication, distDir: string): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) return;
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, { root: distDir, prefix: '/', wildcard: false, index: ['index.html'] });
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    if (SERVER_PATHS.test(path)) {
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `Route GET ${path} not found` });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
