import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { UserRole } from '@automations/domain';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'automations:public';
export const MIN_ROLE = 'automations:min-role';

/** No credential needed (login, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The least role allowed to call the route; routes without it are open to every authenticated role. */
export const MinRole = (role: UserRole) => SetMetadata(MIN_ROLE, role);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a public route');
  return request.principal;
});
