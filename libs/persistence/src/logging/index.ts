export * from './redaction';
export * from './logger';
export * from './nest-logger';
