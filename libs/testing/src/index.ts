export * from './test-database';
export * from './eventually';
export * from './servers/slack-api-server';
export * from './servers/smtp-sink';
export * from './servers/openai-server';
