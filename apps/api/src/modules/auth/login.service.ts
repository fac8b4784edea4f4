import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserEntity } from '@automations/persistence';
import { SYSTEM_ACTOR } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import { AuditLog } from '../audit/audit-log.service';
import type { AccessTokenClaims } from './credential-resolver.service';
import type { LoginDto, LoginResponseDto } from './login.dto';
import { LoginThrottle } from './login-throttle';
import { LoginThrottledError } from './login-throttled.error';
import { DUMMY_PASSWORD_HASH, PasswordHasher } from './password-hasher';

const TOKEN_TTL_SECONDS = 12 * 3600;

/** Accounts one email may sign in to without naming the agency (emails are unique per agency). */
const MAX_ACCOUNTS_PER_LOGIN = 5;

/** Email and password for a JWT, with failed logins throttled per account and per address (audited when they block). */
@Injectable()
export class LoginService {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
  ) {}

  /** Throws `LoginThrottledError` (429) while blocked, 401 for a wrong email or password. */
  async login(body: LoginDto, address: string): Promise<LoginResponseDto> {
    const block = await this.throttle.blocked(body.email, address);
    if (block) throw new LoginThrottledError(block);
    const query = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = lower(:email)', { email: body.email })
      .andWhere('user.active');
    if (body.agencyId) query.andWhere('user.agencyId = :agencyId', { agencyId: body.agencyId });
    // Emails are unique per agency: one person may have accounts in a few agencies. The password picks
    // the account (oldest first); `agencyId` narrows it to one.
    const candidates = await query
      .orderBy('user.createdAt', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .limit(MAX_ACCOUNTS_PER_LOGIN)
      .getMany();
    const user = await this.accountWithPassword(candidates, body.password);
    if (!user) {
      const [account] = candidates;
      const blockedNow = await this.throttle.recordFailure(body.email, address);
      if (account && blockedNow.length > 0) {
        await this.audit.record({
          agencyId: account.agencyId,
          eventType: 'auth.login_throttled',
          actor: SYSTEM_ACTOR,
          details: {
            userId: account.id,
            scopes: blockedNow.map((block) => block.scope),
            address,
            retryAfterSeconds: Math.max(...blockedNow.map((block) => block.retryAfterSeconds)),
          },
        });
      }
      throw ApiError.unauthorized('Invalid email or password');
    }
    await this.throttle.recordSuccess(body.email);
    const claims: AccessTokenClaims = { sub: user.id, agencyId: user.agencyId, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: TOKEN_TTL_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: TOKEN_TTL_SECONDS };
  }

  /**
   * The first account whose password matches. An unknown email still costs one bcrypt comparison
   * (against a dummy hash), like a known one, so the answer time does not tell whether it exists.
   */
  private async accountWithPassword(candidates: UserEntity[], password: string): Promise<UserEntity | null> {
    if (candidates.length === 0) {
      await PasswordHasher.verify(password, DUMMY_PASSWORD_HASH);
      return null;
    }
    for (const candidate of candidates) {
      if (await PasswordHasher.verify(password, candidate.passwordHash)) return candidate;
    }
    return null;
  }
}
