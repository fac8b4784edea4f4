import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, describeError } from '../api/errors';
import { useLogin } from '../api/useLogin';
import type { LoginLocationState } from '../auth/RequireAuth';
import { tokenStore } from '../auth/tokenStore';
import { useAuthToken } from '../auth/useAuthToken';

function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return 'Invalid email or password';
  return describeError(error);
}

export function LoginPage() {
  const token = useAuthToken();
  const location = useLocation();
  const queryClient = useQueryClient();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  // Signed in (now or already): go back to where the user was heading.
  if (token) {
    const from = (location.state as LoginLocationState | null)?.from;
    return <Navigate to={from?.startsWith('/') ? from : '/'} replace />;
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: ({ accessToken }) => {
          queryClient.clear(); // nothing from a previous session may leak into this one
          tokenStore.set(accessToken);
        },
      },
    );
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        <form onSubmit={submit} aria-label="Sign in">
          <Stack>
            <Title order={2}>Sign in to Automations</Title>
            {login.isError && (
              <Alert color="red" role="alert">
                {loginErrorMessage(login.error)}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
