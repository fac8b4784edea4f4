import 'reflect-metadata';
import { loadRuntimeConfig } from '@automations/persistence';
import { CLI_USAGE, CliUsageError, runCliCommand } from './cli-commands';

async function main(): Promise<void> {
  try {
    await runCliCommand(process.argv.slice(2), loadRuntimeConfig(), (line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${CLI_USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}

void main();
