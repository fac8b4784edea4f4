import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '../../common/api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BUILTIN_ID = /^builtin-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `@Param('id', TemplateIdParam)`: a template id is a UUID (the agency's) or `builtin-<slug>`; anything else is a 400 at `id`. */
@Injectable()
export class TemplateIdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value === 'string' && value.length <= 100 && (UUID.test(value) || BUILTIN_ID.test(value)))
      return value.toLowerCase();
    throw ApiError.validation([{ path: 'id', message: 'must be a template id (a UUID or builtin-<name>)' }]);
  }
}

export function isBuiltinTemplateId(id: string): boolean {
  return id.startsWith('builtin-');
}
