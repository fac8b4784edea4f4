import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalItem } from '../api/types';
import { tokenStore } from '../auth/tokenStore';
import { pathOf, stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { approvalItem, runDetail } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

const page = (items: ApprovalItem[]) => ({ items, total: items.length, page: 1, pageSize: 50 });

describe('ApprovalQueuePage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  function stubQueue(initial: ApprovalItem[], role: 'admin' | 'manager' = 'admin') {
    let pending = [...initial];
    const stub = stubApp(
      {
        'GET /api/v1/workflows/approvals': () => jsonResponse(200, page(pending)),
        ...Object.fromEntries(
          initial.flatMap((approval) => [
            [
              `POST /api/v1/workflows/runs/${approval.runId}/approve`,
              () => {
                pending = pending.filter((item) => item.id !== approval.id);
                return jsonResponse(200, runDetail({ id: approval.runId, status: 'running' }));
              },
            ],
            [
              `POST /api/v1/workflows/runs/${approval.runId}/reject`,
              () => {
                pending = pending.filter((item) => item.id !== approval.id);
                return jsonResponse(200, runDetail({ id: approval.runId, status: 'rejected' }));
              },
            ],
          ]),
        ),
      },
      role,
    );
    return stub;
  }

  it('shows who, what, the rendered content and the time left, and approves: the card goes away', async () => {
    const draft = approvalItem({ clientName: 'Acme Dental' });
    const alert = approvalItem({
      clientName: 'Bolt Fitness',
      actionType: 'send_notification',
      renderedConfig: { channel: 'slack', recipients: ['C0123'], message: 'Bolt Fitness onboarding started' },
      expiresAt: new Date(Date.now() + 20 * 60_000).toISOString(),
    });
    const { requests } = stubQueue([draft, alert]);
    renderApp('/approvals');

    const card = await screen.findByRole('article', { name: 'Onboarding kickoff for Acme Dental' });
    expect(within(card).getByText('Welcome Acme Dental and propose a kickoff call')).toBeTruthy();
    expect(within(card).getByText(/Draft communication/)).toBeTruthy();
    expect(within(card).getByText('5 h 29 min left')).toBeTruthy();
    const other = screen.getByRole('article', { name: 'Onboarding kickoff for Bolt Fitness' });
    expect(within(other).getByText('Bolt Fitness onboarding started')).toBeTruthy();
    expect(within(other).getByText('19 min left')).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Onboarding kickoff for Acme Dental' })).toBeNull());
    expect(requests.filter((r) => r.method === 'POST').map(pathOf)).toEqual([`/api/v1/workflows/runs/${draft.runId}/approve`]);
    expect(screen.getByRole('article', { name: 'Onboarding kickoff for Bolt Fitness' })).toBeTruthy();
    expect(await screen.findByText('Approved: Onboarding kickoff for Acme Dental')).toBeTruthy();
  });

  it('rejects only with a reason, and sends it', async () => {
    const draft = approvalItem({ clientName: 'Acme Dental' });
    const { requests } = stubQueue([draft]);
    renderApp('/approvals');

    const card = await screen.findByRole('article', { name: 'Onboarding kickoff for Acme Dental' });
    fireEvent.click(within(card).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject this action?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await within(dialog).findByText('Give a reason for the rejection')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason/ }), { target: { value: '  Tone is too pushy  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Onboarding kickoff for Acme Dental' })).toBeNull());
    const reject = requests.find((r) => r.method === 'POST')!;
    expect(pathOf(reject)).toBe(`/api/v1/workflows/runs/${draft.runId}/reject`);
    expect(await reject.json()).toEqual({ reason: 'Tone is too pushy' });
    expect(await screen.findByText('Nothing to approve')).toBeTruthy();
  });

  it('gives managers the queue without approve or reject buttons', async () => {
    stubQueue([approvalItem({ clientName: 'Acme Dental' })], 'manager');
    renderApp('/approvals');

    const card = await screen.findByRole('article', { name: 'Onboarding kickoff for Acme Dental' });
    expect(within(card).getByText('Welcome Acme Dental and propose a kickoff call')).toBeTruthy();
    expect(await screen.findByText('Only admins can approve or reject. You can follow what is waiting here.')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('says when nothing waits', async () => {
    stubQueue([]);
    renderApp('/approvals');
    expect(await screen.findByText('Nothing to approve')).toBeTruthy();
  });
});
