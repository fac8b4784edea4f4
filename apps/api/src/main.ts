import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { loadRuntimeConfig } from '@automations/persistence';
import { createApiApp } from './app.factory';

async function bootstrap(): Promise<void> {
  const config = loadRuntimeConfig();
  const webDistDir = config.webDistDir ?? join(__dirname, '..', 'web');
  const app = await createApiApp({ ...config, webDistDir });
  await app.listen({ port: config.port, host: '0.0.0.0' });
  Logger.log(`API listening on http://127.0.0.1:${config.port} (docs at /api/docs)`, 'Bootstrap');
}

void bootstrap();
