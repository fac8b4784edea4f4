import {
  ApprovalEntity,
  AuditEventEntity,
  CommunicationDraftEntity,
  WorkflowRunEntity,
} from '@automations/persistence';
import { OpenAiServer, SlackApiServer, startOpenAiServer, startSlackApiServer } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';
import { startWorkerProcess } from './support/worker-process';

/**
 * PRODUCT §8.7: a `draft_communication` step that needs approval writes its draft first and the run waits for
 * approval of that draft; approving (with optional edits) approves the draft, rejecting or expiry closes it.
 */
describe('draft approvals: the draft is written first, then approved (edited) or rejected', () => {
  let openai: OpenAiServer;
  let slack: SlackApiServer;
  let stack: TestStack;
  let agency: TestAgency;
  let f: ReturnType<typeof engineFixtures>;

  const drafts = () => stack.api.dataSource.getRepository(CommunicationDraftEntity);
  const approvals = () => stack.api.dataSource.getRepository(ApprovalEntity);
  const draftStep = (platform: 'email' | 'slack', extra: Record<string, unknown> = { requiresApproval: true }) => ({
    id: 'draft',
    type: 'draft_communication',
    ...extra,
    config: { platform, tone: 'friendly', template: 'Welcome {{client.name}} and propose a kickoff call' },
  });
  const approve = (runId: string, body?: object) => {
    const request = f.http().post(`/api/v1/workflows/runs/${runId}/approve`).set(bearer(agency.tokens.admin));
    return body === undefined ? request : request.send(body);
  };

  beforeAll(async () => {
    openai = await startOpenAiServer({
      reply: 'Subject: Welcome aboard, friends\n\nHi there,\n\nShall we book the kickoff?\n\nCheers,\nDraft Agency',
    });
    slack = await startSlackApiServer();
    stack = await startTestStack({ ACTION_MAX_ATTEMPTS: '3', SLACK_API_URL: slack.url });
    agency = await stack.createAgency('Draft Approval Agency');
    f = engineFixtures(stack, agency);
  });
  afterAll(async () => {
    await stack.close();
    await Promise.all([openai.close(), slack.close()]);
  });
  beforeEach(() => openai.reset());

  /** The agency's OpenAI integration on the local server, or none (the template drafter). */
  async function useOpenAi(on: boolean): Promise<void> {
    if (!on)
      return void (await stack.api.dataSource.query(
        `DELETE FROM integrations WHERE agency_id = $1 AND kind = 'openai'`,
        [agency.agencyId],
      ));
    await f
      .http()
      .put('/api/v1/integrations/openai')
      .set(bearer(agency.tokens.admin))
      .send({ apiKey: 'sk-test-key-1234567890', baseUrl: openai.baseUrl, model: 'test-model' })
      .expect(200);
  }

  async function awaitingRun(
    name: string,
    stage: string,
    steps: object[],
    extra: object = {},
  ): Promise<{ runId: string; workflowId: string }> {
    const workflow = await f.createWorkflow({ name, triggers: [stageTrigger(stage)], steps, ...extra });
    const client = await f.createClient(`${name} Client`);
    const runId = await f.startedRun(await f.moveStage(client.id, stage), workflow.id);
    await stack.waitForRun(runId, ['awaiting_approval']);
    return { runId, workflowId: workflow.id };
  }

  it('writes the AI draft before the wait, shows it in the approval, and approving with edits keeps the edit and audits it', async () => {
    await useOpenAi(true);
    await f
      .http()
      .put('/api/v1/integrations/slack')
      .set(bearer(agency.tokens.admin))
      .send({ botToken: 'xoxb-draft-agency-token', defaultChannel: 'C0DRAFTS' })
      .expect(200);
    const { runId } = await awaitingRun('Edited draft', 'da-edit', [
      alertStep('before'),
      draftStep('email'),
      alertStep('after'),
    ]);
    await slack.waitForCalls(1);
    expect(String((slack.calls[0].body as { text: string }).text)).toContain(
      '"Edited draft" drafted an email for Edited draft Client; read, edit and approve it in the approval queue',
    );
    await stack.api.dataSource.query(`DELETE FROM integrations WHERE agency_id = $1 AND kind = 'slack'`, [
      agency.agencyId,
    ]);

    const [draft] = await drafts().findBy({ runId });
    expect(draft).toMatchObject({
      stepId: 'draft',
      generator: 'openai',
      status: 'pending_approval',
      subject: 'Welcome aboard, friends',
      content: 'Hi there,\n\nShall we book the kickoff?\n\nCheers,\nDraft Agency',
      editedAt: null,
    });
    expect(openai.requests).toHaveLength(1);
    const step = (await stack.steps(runId)).find((s) => s.stepId === 'draft')!;
    expect(step).toMatchObject({
      status: 'awaiting_approval',
      attempts: 1,
      output: expect.objectContaining({ draftId: draft.id }),
    });

    const queue = await f.http().get('/api/v1/workflows/approvals').set(bearer(agency.tokens.viewer)).expect(200);
    const item = queue.body.items.find((candidate: { runId: string }) => candidate.runId === runId);
    expect(item).toMatchObject({
      actionType: 'draft_communication',
      clientName: 'Edited draft Client',
      renderedConfig: { platform: 'email', template: 'Welcome Edited draft Client and propose a kickoff call' },
      draft: {
        id: draft.id,
        platform: 'email',
        generator: 'openai',
        subject: 'Welcome aboard, friends',
        body: draft.content,
        status: 'pending_approval',
        editedAt: null,
      },
      edits: null,
    });

    const edited = 'Hi there,\n\nShall we book the kickoff for Thursday?\n\nCheers,\nDraft Agency';
    const response = await approve(runId, {
      edits: { body: `  ${edited}\n`, subject: 'Welcome aboard, friends' },
    }).expect(200);
    expect(response.body.approvals[0]).toMatchObject({
      status: 'approved',
      edits: { body: { original: draft.content, edited } },
      draft: { body: edited, status: 'approved' },
    });
    expect(response.body.approvals[0].edits.subject).toBeUndefined();
    expect(response.body.timeline.map((entry: { message: string }) => entry.message)).toContain(
      `Approved by user ${agency.adminUserId}, with edits to the body`,
    );

    await stack.waitForRun(runId, ['completed']);
    const after = await drafts().findBy({ runId });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      id: draft.id,
      status: 'approved',
      subject: 'Welcome aboard, friends',
      content: edited,
      editedAt: expect.any(Date),
    });
    expect(openai.requests).toHaveLength(1);
    const completed = (await stack.steps(runId)).find((s) => s.stepId === 'draft')!;
    expect(completed).toMatchObject({
      status: 'completed',
      attempts: 1,
      output: expect.objectContaining({ draftId: draft.id, preview: edited }),
    });
    expect(await approvals().findOneByOrFail({ runId })).toMatchObject({
      draftId: draft.id,
      edits: { body: { original: draft.content, edited } },
    });
    const audits = await stack.api.dataSource
      .getRepository(AuditEventEntity)
      .findBy({ agencyId: agency.agencyId, eventType: 'run.approved' });
    const audit = audits.find((a) => (a.details as { runId?: string }).runId === runId)!;
    expect(audit).toMatchObject({
      actorType: 'user',
      actorId: agency.adminUserId,
      details: {
        stepId: 'draft',
        draftId: draft.id,
        edited: ['body'],
        edits: { body: { original: draft.content, edited } },
      },
    });

    const listed = await f.http().get(`/api/v1/drafts?runId=${runId}`).set(bearer(agency.tokens.viewer)).expect(200);
    expect(listed.body.items[0]).toMatchObject({
      subject: 'Welcome aboard, friends',
      content: edited,
      status: 'approved',
      editedAt: expect.any(String),
    });
    await useOpenAi(false);
  });

  it('approving as written changes nothing in the draft; a workflow-level approval drafts first too (template drafter)', async () => {
    const { runId } = await awaitingRun('As written', 'da-plain', [draftStep('email', {})], { requiresApproval: true });
    const [draft] = await drafts().findBy({ runId });
    expect(draft).toMatchObject({
      generator: 'template',
      status: 'pending_approval',
      subject: 'Welcome As written Client and propose a kickoff call',
    });
    await approve(runId, {}).expect(200);
    await stack.waitForRun(runId, ['completed']);
    expect(await drafts().findBy({ runId })).toEqual([
      expect.objectContaining({ id: draft.id, content: draft.content, status: 'approved', editedAt: null }),
    ]);
    expect(await approvals().findOneByOrFail({ runId })).toMatchObject({ status: 'approved', edits: null });
  });

  it('rejecting marks the run and the draft rejected; edits are refused where they do not apply', async () => {
    const { runId } = await awaitingRun('Rejected draft', 'da-reject', [draftStep('slack'), alertStep('later')]);
    const [draft] = await drafts().findBy({ runId });
    expect(draft).toMatchObject({ platform: 'slack', subject: null, status: 'pending_approval' });

    const noSubject = await approve(runId, { edits: { subject: 'Hello' } }).expect(400);
    expect(noSubject.body.details).toEqual([{ path: 'edits.subject', message: 'a Slack draft has no subject' }]);
    expect((await approve(runId, { edits: {} }).expect(400)).body.details[0].path).toBe('edits');
    expect((await approve(runId, { edits: { body: '   ' } }).expect(400)).body.details[0]).toMatchObject({
      path: 'edits.body',
      message: expect.stringMatching(/blank/),
    });
    expect((await approve(runId, { edits: { body: 'x', sendNow: true } }).expect(400)).body.details[0].path).toBe(
      'edits.sendNow',
    );
    expect((await approvals().findOneByOrFail({ runId })).status).toBe('pending');

    await f
      .http()
      .post(`/api/v1/workflows/runs/${runId}/reject`)
      .set(bearer(agency.tokens.admin))
      .send({ reason: 'Off brand' })
      .expect(200);
    expect(await stack.api.dataSource.getRepository(WorkflowRunEntity).findOneByOrFail({ id: runId })).toMatchObject({
      status: 'rejected',
      reason: 'Off brand',
    });
    expect(await drafts().findOneByOrFail({ id: draft.id })).toMatchObject({
      status: 'rejected',
      content: draft.content,
    });

    // An action approved before it runs has no draft to edit.
    const guarded = await awaitingRun('Guarded alert', 'da-alert', [
      { ...alertStep('guarded'), requiresApproval: true },
    ]);
    const refused = await approve(guarded.runId, { edits: { body: 'New text' } }).expect(400);
    expect(refused.body.details).toEqual([
      { path: 'edits', message: 'only the approval of a draft (draft_communication) takes edits' },
    ]);
    expect(
      (await f.http().get('/api/v1/workflows/approvals').set(bearer(agency.tokens.viewer)).expect(200)).body.items.find(
        (i: { runId: string }) => i.runId === guarded.runId,
      ).draft,
    ).toBeNull();
    await approve(guarded.runId).expect(200);
    await stack.waitForRun(guarded.runId, ['completed']);
  });

  it('expiry marks the draft expired; disabling the workflow rejects a waiting draft', async () => {
    const expiring = await awaitingRun('Expiring draft', 'da-expire', [draftStep('email')]);
    await stack.api.dataSource.query(
      `UPDATE approvals SET expires_at = now() - interval '1 second' WHERE run_id = $1`,
      [expiring.runId],
    );
    await stack.waitForRun(expiring.runId, ['rejected']);
    expect(await drafts().findOneByOrFail({ runId: expiring.runId })).toMatchObject({ status: 'expired' });

    const disabled = await awaitingRun('Disabled draft', 'da-disable', [draftStep('email')]);
    await f
      .http()
      .patch(`/api/v1/workflows/${disabled.workflowId}/toggle`)
      .set(bearer(agency.tokens.admin))
      .send({ isActive: false })
      .expect(200);
    expect(
      await stack.api.dataSource.getRepository(WorkflowRunEntity).findOneByOrFail({ id: disabled.runId }),
    ).toMatchObject({ status: 'cancelled' });
    expect(await drafts().findOneByOrFail({ runId: disabled.runId })).toMatchObject({ status: 'rejected' });
  });

  it('bulk approve: each pending run approved once, the others skipped with a reason; repeating approves nothing more', async () => {
    const first = await awaitingRun('Bulk one', 'da-bulk1', [draftStep('email')]);
    const second = await awaitingRun('Bulk two', 'da-bulk2', [{ ...alertStep('guarded'), requiresApproval: true }]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const bulk = () =>
      f
        .http()
        .post('/api/v1/workflows/approvals/bulk-approve')
        .set(bearer(agency.tokens.admin))
        .send({ runIds: [first.runId, second.runId, unknown] });
    expect((await bulk().expect(200)).body).toEqual({
      matched: 3,
      done: 2,
      skipped: [{ runId: unknown, reason: 'not_found' }],
    });
    await stack.waitForRun(first.runId, ['completed']);
    await stack.waitForRun(second.runId, ['completed']);
    expect(await drafts().findOneByOrFail({ runId: first.runId })).toMatchObject({ status: 'approved' });
    expect((await bulk().expect(200)).body).toMatchObject({
      done: 0,
      skipped: [
        { runId: first.runId, reason: 'not_pending' },
        { runId: second.runId, reason: 'not_pending' },
        { runId: unknown, reason: 'not_found' },
      ],
    });
    await f
      .http()
      .post('/api/v1/workflows/approvals/bulk-approve')
      .set(bearer(agency.tokens.manager))
      .send({ runIds: [first.runId] })
      .expect(403);
    await f
      .http()
      .post('/api/v1/workflows/approvals/bulk-approve')
      .set(bearer(agency.tokens.admin))
      .send({ runIds: [] })
      .expect(400);
    await f
      .http()
      .post('/api/v1/workflows/approvals/bulk-approve')
      .set(bearer(agency.tokens.admin))
      .send({ runIds: ['nope'] })
      .expect(400);
  });

  it('no duplicate draft when the parking transaction fails after the draft was inserted, nor after a failed model call', async () => {
    await useOpenAi(true);
    // The approval insert fails once (a serialization failure, retried): the draft inserted before it in the same
    // transaction is rolled back with it, as when the worker dies between writing the draft and parking.
    await stack.api.dataSource.query(`CREATE SEQUENCE IF NOT EXISTS approval_fault_once`);
    await stack.api.dataSource.query(`CREATE OR REPLACE FUNCTION approval_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.step_id = 'draft' AND EXISTS (SELECT 1 FROM communication_drafts d WHERE d.run_id = NEW.run_id) AND nextval('approval_fault_once') = 1 THEN
          RAISE EXCEPTION 'injected fault after the draft insert' USING ERRCODE = '40001';
        END IF;
        RETURN NEW;
      END $$`);
    await stack.api.dataSource.query(
      `CREATE TRIGGER approval_fault BEFORE INSERT ON approvals FOR EACH ROW EXECUTE FUNCTION approval_fault()`,
    );
    try {
      openai.failNext(1, 503);
      const { runId } = await awaitingRun('Faulty draft', 'da-fault', [draftStep('email')]);
      // 1: 503 (retried), 2: drafted but the transaction rolled back, 3: drafted and parked.
      expect(openai.requests).toHaveLength(3);
      expect(await drafts().countBy({ runId })).toBe(1);
      expect(await approvals().countBy({ runId })).toBe(1);
      const [draft] = await drafts().findBy({ runId });
      expect(await approvals().findOneByOrFail({ runId })).toMatchObject({ draftId: draft.id, status: 'pending' });
      expect((await stack.steps(runId)).find((s) => s.stepId === 'draft')).toMatchObject({
        status: 'awaiting_approval',
        attempts: 3,
      });
      await approve(runId).expect(200);
      await stack.waitForRun(runId, ['completed']);
      expect(await drafts().countBy({ runId })).toBe(1);
      expect(openai.requests).toHaveLength(3);
    } finally {
      await stack.api.dataSource.query(`DROP TRIGGER approval_fault ON approvals`);
      await useOpenAi(false);
    }
  });

  it('SIGKILL of a worker waiting for the model: another worker takes the run over and writes the one draft', async () => {
    await useOpenAi(true);
    await stack.stopEngine();
    const workflow = await f.createWorkflow({
      name: 'Killed mid-draft',
      triggers: [stageTrigger('da-kill')],
      steps: [draftStep('email')],
    });
    const client = await f.createClient('Killed mid-draft Client');
    openai.setDelay(60_000);
    const child = await startWorkerProcess(stack);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let engineBack = false;
    try {
      const runId = await f.startedRun(await f.moveStage(client.id, 'da-kill'), workflow.id);
      await openai.waitForRequests(1, 20_000);
      child.kill('SIGKILL');
      await exited;
      expect(await drafts().countBy({ runId })).toBe(0);

      openai.setDelay(0);
      await stack.startEngine();
      engineBack = true;
      // The killed worker's lease (2 s) expires; the reconciler hands the run to this engine, which drafts again.
      await stack.waitForRun(runId, ['awaiting_approval'], 30_000);
      expect(openai.requests).toHaveLength(2);
      expect(await drafts().countBy({ runId })).toBe(1);
      expect(await approvals().countBy({ runId })).toBe(1);
      const [draft] = await drafts().findBy({ runId });
      expect(await approvals().findOneByOrFail({ runId })).toMatchObject({ draftId: draft.id });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (!engineBack) await stack.startEngine();
      await useOpenAi(false);
    }
  }, 90_000);
});
