import { Module } from '@nestjs/common';
import { AgencyProvisioner } from './agency-provisioner';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, ApiKeysController],
  providers: [AgencyProvisioner, UsersService, ApiKeysService],
})
export class AccountsModule {}
