import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { UserEntity } from '@automations/persistence';
import { SYSTEM_ACTOR } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import { CurrentPrincipal, Public } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { AuditLog } from '../audit/audit-log.service';
import type { AccessTokenClaims } from './credential-resolver.service';
import { LoginDto, LoginResponseDto, MeDto } from './login.dto';
import { LoginThrottle } from './login-throttle';
import { DUMMY_PASSWORD_HASH, PasswordHasher } from './password-hasher';

const TOKEN_TTL_SECONDS = 12 * 3600;

/** Accounts one email may sign in to without naming the agency (emails are unique per agency). */
const MAX_ACCOUNTS_PER_LOGIN = 5;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditLog,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange email and password for a JWT',
    description:
      'The same email may belong to users of several agencies: without `agencyId` the oldest active account of that email signs in. ' +
      'After 10 failed logins within 15 minutes for one email, or from one address, logins are refused with 429 and `Retry-After`.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Too many failed logins for this email or from this address; see Retry-After' })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponseDto> {
    const address = request.ip;
    const block = await this.throttle.blocked(body.email, address);
    if (block) {
      void reply.header('retry-after', String(block.retryAfterSeconds));
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, `Too many failed logins ${block.scope === 'account' ? 'for this account' : 'from this address'}; retry in ${block.retryAfterSeconds} s`);
    }
    const query = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = lower(:email)', { email: body.email })
      .andWhere('user.active');
    if (body.agencyId) query.andWhere('user.agencyId = :agencyId', { agencyId: body.agencyId });
    // Emails are unique per agency: one person may have accounts in a few agencies. The password picks
    // the account (oldest first); `agencyId` narrows it to one.
    const candidates = await query.orderBy('user.createdAt', 'ASC').addOrderBy('user.id', 'ASC').limit(MAX_ACCOUNTS_PER_LOGIN).getMany();
    const user = await this.accountWithPassword(candidates, body.password);
    if (!user) {
      const [account] = candidates;
      const blockedNow = await this.throttle.recordFailure(body.email, address);
      if (account && blockedNow.length > 0) {
        await this.audit.record({
          agencyId: account.agencyId,
          eventType: 'auth.login_throttled',
          actor: SYSTEM_ACTOR,
          details: { userId: account.id, scopes: blockedNow.map((block) => block.scope), address, retryAfterSeconds: Math.max(...blockedNow.map((block) => block.retryAfterSeconds)) },
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

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the credential belongs to' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal): MeDto {
    return { agencyId: principal.agencyId, role: principal.role, actorType: principal.actorType, actorId: principal.actorId };
  }
}
