export const RUNTIME_CONFIG = Symbol('RUNTIME_CONFIG');
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
