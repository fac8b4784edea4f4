import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import { errorResponse, jsonResponse, stubFetch } from '../test/fetchStub';
import { agency, workflowPage } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText(/email/i), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/password/i), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('posts the credentials, stores the token and opens the app', async () => {
    const { requests } = stubFetch({
      'POST /api/v1/auth/login': () => jsonResponse(200, { accessToken: 'jwt-123' }),
      'GET /api/v1/agency': () => jsonResponse(200, agency),
      'GET /api/v1/workflows': () => jsonResponse(200, workflowPage([])),
    });
    const { router } = renderApp('/login');

    fillAndSubmit(' admin@brightside.test ', 'correct horse');

    expect(await screen.findByText('Brightside Media')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
    expect(tokenStore.get()).toBe('jwt-123');

    const login = requests[0];
    expect(login.method).toBe('POST');
    expect(new URL(login.url).pathname).toBe('/api/v1/auth/login');
    expect(await login.json()).toEqual({ email: 'admin@brightside.test', password: 'correct horse' });
    expect(login.headers.get('Authorization')).toBeNull();

    // Every API call carries the token (the public OpenAPI document needs none).
    const afterLogin = requests.slice(1).filter((request) => new URL(request.url).pathname.startsWith('/api/v1/'));
    expect(afterLogin.length).toBeGreaterThan(0);
    for (const request of afterLogin) expect(request.headers.get('Authorization')).toBe('Bearer jwt-123');
  });

  it('shows "Invalid email or password" on 401 and stays signed out', async () => {
    stubFetch({
      'POST /api/v1/auth/login': () => errorResponse(401, 'Unauthorized', 'Invalid credentials'),
    });
    const { router } = renderApp('/login');

    fillAndSubmit('admin@brightside.test', 'wrong');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Invalid email or password');
    expect(router.state.location.pathname).toBe('/login');
    expect(tokenStore.get()).toBeNull();
  });

  it('shows the API message for other errors', async () => {
    stubFetch({
      'POST /api/v1/auth/login': () =>
        errorResponse(429, 'Too Many Requests', 'Too many login attempts, try again in a minute'),
    });
    renderApp('/login');

    fillAndSubmit('admin@brightside.test', 'pw');

    expect((await screen.findByRole('alert')).textContent).toBe('Too many login attempts, try again in a minute');
  });

  it('says so when the server cannot be reached', async () => {
    stubFetch({
      'POST /api/v1/auth/login': () => Promise.reject(new TypeError('Failed to fetch')),
    });
    renderApp('/login');

    fillAndSubmit('admin@brightside.test', 'pw');

    expect((await screen.findByRole('alert')).textContent).toMatch(/could not reach the server/i);
  });

  it('sends a signed-out visitor to /login and back after signing in', async () => {
    stubFetch({
      'POST /api/v1/auth/login': () => jsonResponse(200, { accessToken: 'jwt-123' }),
      'GET /api/v1/agency': () => jsonResponse(200, agency),
      'GET /api/v1/workflows': () => jsonResponse(200, workflowPage([])),
    });
    const { router } = renderApp('/?status=paused');

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    fillAndSubmit('admin@brightside.test', 'pw');

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(router.state.location.search).toBe('?status=paused');
  });

  it('signs out from the app shell', async () => {
    tokenStore.set('jwt-123');
    stubFetch({
      'GET /api/v1/agency': () => jsonResponse(200, agency),
      'GET /api/v1/workflows': () => jsonResponse(200, workflowPage([])),
    });
    const { router } = renderApp('/');

    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(tokenStore.get()).toBeNull();
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});
