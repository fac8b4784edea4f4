import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalItem } from '../api/types';
import { tokenStore } from '../auth/tokenStore';
import { pathOf, stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { approvalDraft, approvalItem, runDetail } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

const page = (items: ApprovalItem[]) => ({ items, total: items.length, page: 1, pageSize: 50 });

describe('ApprovalQueuePage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  function stubQueue(initial: ApprovalItem[], role: 'admin' | 'manager' = 'admin') {
    let pending = [...initial];
    const stub = stubApp(
      {
        'GET /api/v1/workflows/approvals': () => jsonResponse(200, page(pending)),
        'POST /api/v1/workflows/approvals/bulk-approve': async (request: Request) => {
          const { runIds } = (await request.clone().json()) as { runIds: string[] };
          const done = runIds.filter((runId) => pending.some((item) => item.runId === runId));
          pending = pending.filter((item) => !runIds.includes(item.runId));
          return jsonResponse(200, {
            matched: runIds.length,
            done: done.length,
            skipped: runIds.filter((runId) => !done.includes(runId)).map((runId) => ({ runId, reason: 'not_pending' })),
          });
        },
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
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Onboarding kickoff for Acme Dental' })).toBeNull(),
    );
    expect(requests.filter((r) => r.method === 'POST').map(pathOf)).toEqual([
      `/api/v1/workflows/runs/${draft.runId}/approve`,
    ]);
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

    fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason/ }), {
      target: { value: '  Tone is too pushy  ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Onboarding kickoff for Acme Dental' })).toBeNull(),
    );
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
    expect(
      await screen.findByText('Only admins can approve or reject. You can follow what is waiting here.'),
    ).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('shows the draft itself and approves it with the edits only (the subject unchanged is not sent)', async () => {
    const draft = approvalItem({ clientName: 'Acme Dental', draft: approvalDraft() });
    const { requests } = stubQueue([draft]);
    renderApp('/approvals');

    const card = await screen.findByRole('article', { name: 'Onboarding kickoff for Acme Dental' });
    const subject = within(card).getByRole('textbox', { name: 'Subject' }) as HTMLInputElement;
    const body = within(card).getByRole('textbox', { name: /Message/ }) as HTMLTextAreaElement;
    expect(subject.value).toBe('Welcome aboard, Acme Dental!');
    expect(body.value).toContain('Could we book a kickoff call this week?');
    expect(within(card).getByText('Written by AI')).toBeTruthy();
    expect(
      within(card).getByText('Written from the instructions: Welcome Acme Dental and propose a kickoff call'),
    ).toBeTruthy();

    fireEvent.change(body, { target: { value: 'Hi Acme team,\n\nShall we meet on Thursday?' } });
    expect(within(card).getByText('Edited')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Approve with edits' }));
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Onboarding kickoff for Acme Dental' })).toBeNull(),
    );
    const approve = requests.find((r) => r.method === 'POST')!;
    expect(pathOf(approve)).toBe(`/api/v1/workflows/runs/${draft.runId}/approve`);
    expect(await approve.json()).toEqual({ edits: { body: 'Hi Acme team,\n\nShall we meet on Thursday?' } });
    expect(await screen.findByText('Approved with your edits: Onboarding kickoff for Acme Dental')).toBeTruthy();
  });

  it('approves a draft as written without a body, and refuses to approve an emptied message', async () => {
    const draft = approvalItem({ clientName: 'Acme Dental', draft: approvalDraft() });
    const { requests } = stubQueue([draft]);
    renderApp('/approvals');

    const card = await screen.findByRole('article', { name: 'Onboarding kickoff for Acme Dental' });
    fireEvent.change(within(card).getByRole('textbox', { name: /Message/ }), { target: { value: '   ' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Approve with edits' }));
    expect(await within(card).findByText('The message cannot be empty')).toBeTruthy();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.click(within(card).getByRole('button', { name: 'Undo my changes' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Onboarding kickoff for Acme Dental' })).toBeNull(),
    );
    const approve = requests.find((r) => r.method === 'POST')!;
    expect(approve.body).toBeNull();
  });

  it('approves several at once: the selected ones in one request, the others stay', async () => {
    const a = approvalItem({ clientName: 'Acme Dental', draft: approvalDraft() });
    const b = approvalItem({
      clientName: 'Bolt Fitness',
      actionType: 'add_alert',
      renderedConfig: { title: 'Bolt', severity: 'info' },
    });
    const c = approvalItem({ clientName: 'Cove Cafe', draft: approvalDraft({ platform: 'slack', subject: null }) });
    const { requests } = stubQueue([a, b, c]);
    renderApp('/approvals');

    await screen.findByRole('article', { name: 'Onboarding kickoff for Acme Dental' });
    expect(screen.queryByRole('button', { name: /Approve selected/ })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Onboarding kickoff for Acme Dental' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Onboarding kickoff for Bolt Fitness' }));
    // Editing a selected draft takes it out of the selection (its edits would be lost).
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Onboarding kickoff for Cove Cafe' }));
    const cove = screen.getByRole('article', { name: 'Onboarding kickoff for Cove Cafe' });
    expect(within(cove).queryByRole('textbox', { name: 'Subject' })).toBeNull();
    fireEvent.change(within(cove).getByRole('textbox', { name: /Message/ }), { target: { value: 'Hey Cove!' } });
    expect(
      (screen.getByRole('checkbox', { name: 'Select Onboarding kickoff for Cove Cafe' }) as HTMLInputElement).disabled,
    ).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Approve selected (2)' }));
    expect(await screen.findByText('Approved 2 of 2')).toBeTruthy();
    const bulk = requests.find((r) => r.method === 'POST')!;
    expect(pathOf(bulk)).toBe('/api/v1/workflows/approvals/bulk-approve');
    expect(await bulk.json()).toEqual({ runIds: [a.runId, b.runId] });
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Onboarding kickoff for Acme Dental' })).toBeNull(),
    );
    expect(screen.queryByRole('article', { name: 'Onboarding kickoff for Bolt Fitness' })).toBeNull();
    expect(screen.getByRole('article', { name: 'Onboarding kickoff for Cove Cafe' })).toBeTruthy();
  });

  it('shows managers the draft read-only', async () => {
    stubQueue([approvalItem({ clientName: 'Acme Dental', draft: approvalDraft() })], 'manager');
    renderApp('/approvals');
    const card = await screen.findByRole('article', { name: 'Onboarding kickoff for Acme Dental' });
    expect(within(card).getByText('Subject: Welcome aboard, Acme Dental!')).toBeTruthy();
    expect(within(card).queryByRole('textbox')).toBeNull();
    expect(within(card).queryByRole('checkbox')).toBeNull();
  });

  it('says when nothing waits', async () => {
    stubQueue([]);
    renderApp('/approvals');
    expect(await screen.findByText('Nothing to approve')).toBeTruthy();
  });
});
