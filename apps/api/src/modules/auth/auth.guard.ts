import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@automations/domain';
import { ApiError } from '../../common/api-error';
import { MIN_ROLE, PUBLIC_ROUTE } from '../../common/auth.decorators';
import { Principal, ROLE_RANK } from '../../common/principal';
import { CredentialResolver } from './credential-resolver.service';

/** Global guard: authenticates every non-public route and enforces its minimum role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw ApiError.unauthorized('Missing bearer token (Authorization: Bearer <JWT or API key>)');
    const principal = await this.credentials.resolve(match[1]);
    if (!principal) throw ApiError.unauthorized('Invalid or expired credentials');
    request.principal = principal;

    const minRole = this.reflector.getAllAndOverride<UserRole | undefined>(MIN_ROLE, targets) ?? 'viewer';
    if (ROLE_RANK[principal.role] < ROLE_RANK[minRole]) {
      throw ApiError.forbidden(`This operation requires the ${minRole} role; you are ${principal.role}`);
    }
    return true;
  }
}
