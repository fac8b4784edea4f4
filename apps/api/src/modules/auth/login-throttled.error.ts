import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import type { LoginBlock } from './login-throttle';

/** 429 for a throttled login; the controller also answers `Retry-After` with `retryAfterSeconds`. */
export class LoginThrottledError extends ApiError {
  readonly retryAfterSeconds: number;

  constructor(block: LoginBlock) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed logins ${block.scope === 'account' ? 'for this account' : 'from this address'}; retry in ${block.retryAfterSeconds} s`,
    );
    this.retryAfterSeconds = block.retryAfterSeconds;
  }
}
