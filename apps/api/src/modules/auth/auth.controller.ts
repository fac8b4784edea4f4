import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Public } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { LoginDto, LoginResponseDto, MeDto } from './login.dto';
import { LoginService } from './login.service';
import { LoginThrottledError } from './login-throttled.error';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly logins: LoginService) {}

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
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many failed logins for this email or from this address; see Retry-After',
  })
  login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    return this.logins.login(body, request.ip).catch((error: unknown) => {
      if (error instanceof LoginThrottledError) void reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the credential belongs to' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal): MeDto {
    return {
      agencyId: principal.agencyId,
      role: principal.role,
      actorType: principal.actorType,
      actorId: principal.actorId,
    };
  }
}
