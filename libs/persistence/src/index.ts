export * from './entities';
export * from './migrations';
export * from './snake-naming.strategy';
export * from './data-source-options';
export * from './database-migrator';
export * from './agency-scoped.repository';
export * from './runtime-config';
export * from './secret-box';
