import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UserEntity } from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import { CurrentPrincipal, Public } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { LoginDto, LoginResponseDto, MeDto } from './login.dto';
import { PasswordHasher } from './password-hasher';

const TOKEN_TTL_SECONDS = 12 * 3600;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a JWT' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  async login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = lower(:email)', { email: body.email })
      .getOne();
    const valid = user?.active ? await PasswordHasher.verify(body.password, user.passwordHash) : false;
    if (!user || !valid) throw ApiError.unauthorized('Invalid email or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id, agencyId: user.agencyId }, { expiresIn: TOKEN_TTL_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: TOKEN_TTL_SECONDS };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the credential belongs to' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal): MeDto {
    return { agencyId: principal.agencyId, role: principal.role, actorType: principal.actorType, actorId: principal.actorId };
  }
}
