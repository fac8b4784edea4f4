import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

export interface ComposeService {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: unknown[];
  expose?: unknown[];
  networks?: string[] | Record<string, unknown>;
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  networks?: Record<string, { internal?: boolean } | null>;
  volumes?: Record<string, unknown>;
}

/** docker-compose.yml with YAML merge keys (`<<: *app-env`) resolved, as Compose reads it. */
export function loadCompose(): ComposeFile {
  return parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

export function networksOf(service: ComposeService): string[] {
  if (!service.networks) return ['default'];
  return Array.isArray(service.networks) ? service.networks : Object.keys(service.networks);
}

/**
 * Compose's variable interpolation for the forms the file uses: `${VAR}`, `${VAR:-default}` (default when unset
 * or empty) and `${VAR:?message}` (an error when unset or empty).
 */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?:(:[-?])([^}]*))?\}/g,
    (_match, name: string, operator: string | undefined, argument: string | undefined) => {
      const set = vars[name];
      if (set !== undefined && set !== '') return set;
      if (operator === ':?') throw new Error(`${name}: ${argument}`);
      return operator === ':-' ? (argument ?? '') : '';
    },
  );
}

/** A service's environment as the container would see it, given the variables of the shell running compose. */
export function environmentOf(
  service: ComposeService,
  vars: Record<string, string | undefined>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolate(String(value ?? ''), vars)]),
  );
}

/** The variables named in the first column of the README's "Configuration" table. */
export function readmeConfigVariables(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration'));
  if (!section) throw new Error('README.md has no "## Configuration" section');
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) continue;
    const firstCell = line.split('|')[1] ?? '';
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(match[1]);
  }
  return [...names];
}
