import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { RuntimeConfig } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { CredentialResolver } from './credential-resolver.service';
import { LoginThrottle } from './login-throttle';
import { LoginService } from './login.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [CredentialResolver, LoginThrottle, LoginService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [CredentialResolver],
})
export class AuthModule {}
