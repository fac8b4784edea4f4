import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

export const ALL_MIGRATIONS = [InitialSchema1764000000000];
