export * from './live-updates';
export * from './live-update-publisher';
export * from './run-change-listener';
export * from './live-run-change-listener';
export * from './matched-run-announcer';
