import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyScopedRepository, UserEntity } from '@automations/persistence';
import { actorOf } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import type { PaginationQuery } from '../../common/pagination.query';
import type { Principal } from '../../common/principal';
import { AuditLog } from '../audit/audit-log.service';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { AgencyProvisioner } from './agency-provisioner';
import type { CreateUserDto, UpdateUserDto, UserDto, UserPageDto } from './user.dto';

const EMAIL_TAKEN = 'A user with this email already exists in this agency';

function toDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
  };
}

/** The agency's users: listing, inviting with a role, and changing or deactivating them (audited). */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provisioner: AgencyProvisioner,
    private readonly audit: AuditLog,
  ) {}

  async list(principal: Principal, query: PaginationQuery): Promise<UserPageDto> {
    const page = await this.users(principal).findPage({}, { email: 'ASC' }, query);
    return { ...page, items: page.items.map(toDto) };
  }

  async get(principal: Principal, id: string): Promise<UserDto> {
    const user = await this.users(principal).findById(id);
    if (!user) throw ApiError.notFound('User');
    return toDto(user);
  }

  async create(principal: Principal, body: CreateUserDto): Promise<UserDto> {
    const problem = passwordProblem(body.password, body.email);
    if (problem) throw ApiError.validation([problem]);
    // Emails are unique per agency: whether another agency uses this address is none of this agency's business.
    const taken = await this.users(principal)
      .query('u')
      .andWhere('lower(u.email) = lower(:email)', { email: body.email })
      .getExists();
    if (taken) throw ApiError.conflict(EMAIL_TAKEN);
    const user = await this.provisioner
      .createUser({ agencyId: principal.agencyId, ...body })
      .catch((error: unknown) => {
        // Two creates of one email at once: the unique (agency, email) index decides, the loser gets the same 409.
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23505')
          throw ApiError.conflict(EMAIL_TAKEN);
        throw error;
      });
    await this.audit.record({
      agencyId: principal.agencyId,
      eventType: 'user.created',
      actor: actorOf(principal),
      details: { userId: user.id, role: user.role },
    });
    return toDto(user);
  }

  async update(principal: Principal, id: string, body: UpdateUserDto): Promise<UserDto> {
    const repo = this.users(principal);
    const user = await repo.findById(id);
    if (!user) throw ApiError.notFound('User');
    if (user.id === principal.userId && (body.active === false || (body.role && body.role !== 'admin'))) {
      throw ApiError.badRequest('You cannot deactivate or demote yourself', [
        { path: body.active === false ? 'active' : 'role', message: 'cannot change your own access' },
      ]);
    }
    const patch: Partial<UserEntity> = {};
    if (body.name !== undefined) patch.name = body.name;
    if (body.role !== undefined) patch.role = body.role;
    if (body.active !== undefined) patch.active = body.active;
    if (body.password !== undefined) {
      const problem = passwordProblem(body.password, user.email);
      if (problem) throw ApiError.validation([problem]);
      patch.passwordHash = await PasswordHasher.hash(body.password);
    }
    if (Object.keys(patch).length) await repo.update({ id }, patch);
    // A new password signs the user out everywhere: tokens issued under the previous version are refused.
    if (body.password !== undefined)
      await this.dataSource
        .getRepository(UserEntity)
        .increment({ id, agencyId: principal.agencyId }, 'tokenVersion', 1);
    await this.audit.record({
      agencyId: principal.agencyId,
      eventType: 'user.updated',
      actor: actorOf(principal),
      details: {
        userId: id,
        changed: Object.keys(body)
          .filter((key) => key !== 'password')
          .concat(body.password ? ['password'] : []),
      },
    });
    return toDto((await repo.findById(id))!);
  }

  private users(principal: Principal) {
    return AgencyScopedRepository.for(this.dataSource.manager, UserEntity, principal.agencyId);
  }
}
