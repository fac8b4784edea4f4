/**
 * Container healthcheck of the worker (docker-compose.yml): exits 0 while the liveness file is fresh, 1 otherwise.
 * Reads the same WORKER_LIVENESS_FILE / WORKER_LIVENESS_SECONDS as the worker. No framework: it starts in milliseconds.
 */
import { livenessFileAge, livenessSettingsFromEnv } from './liveness/liveness';

try {
  const settings = livenessSettingsFromEnv();
  const { fresh, reason } = livenessFileAge(settings.file, settings.maxAgeMs);
  process.stdout.write(`${fresh ? 'alive' : 'not alive'}: ${reason}\n`);
  process.exitCode = fresh ? 0 : 1;
} catch (error) {
  process.stdout.write(`not alive: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
