export * from './redaction';
export * from './logger';
export * from './nest-logger';
export * from './emitted-errors';
