import { useMutation } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import type { LoginRequest } from './types';

export function useLogin() {
  return useMutation({
    mutationFn: (credentials: LoginRequest) => unwrap(api.POST('/api/v1/auth/login', { body: credentials })),
  });
}
