import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { UsersController } from './users.controller';

@Module({ controllers: [UsersController, ApiKeysController] })
export class AccountsModule {}
