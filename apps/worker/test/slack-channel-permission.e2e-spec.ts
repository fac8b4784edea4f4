import { NotificationEntity } from '@automations/persistence';
import { SlackApiServer, startSlackApiServer } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

const ALPHA_TOKEN = 'xoxb-alpha-workspace-0001';
const BETA_TOKEN = 'xoxb-beta-workspace-0002';

/**
 * Permissions at execution (PRODUCT.md §5): a Slack step posts with the agency's own bot token, so a
 * channel its Slack app cannot reach — another workspace's channel, an archived one, one the app is
 * not in — fails the step at once as `permission_denied`, with a message saying which channel and why.
 */
describe('Slack channels referenced by a workflow must be reachable by the agency', () => {
  let slack: SlackApiServer;
  let stack: TestStack;
  let alpha: TestAgency;
  let f: ReturnType<typeof engineFixtures>;

  beforeAll(async () => {
    slack = await startSlackApiServer({
      workspaces: { [ALPHA_TOKEN]: ['C0ALPHA1', 'C0ALPHAOLD', 'C0ALPHAPRIV'], [BETA_TOKEN]: ['C0BETA01'] },
      archivedChannels: ['C0ALPHAOLD'],
      channelsWithoutApp: ['C0ALPHAPRIV'],
    });
    stack = await startTestStack({ SLACK_API_URL: slack.url, ACTION_MAX_ATTEMPTS: '3' });
    alpha = await stack.createAgency('Alpha Slack Workspace');
    f = engineFixtures(stack, alpha);
    await f
      .http()
      .put('/api/v1/integrations/slack')
      .set(bearer(alpha.tokens.admin))
      .send({ botToken: ALPHA_TOKEN })
      .expect(200);
    const beta = await stack.createAgency('Beta Slack Workspace');
    await stack.api
      .http()
      .put('/api/v1/integrations/slack')
      .set(bearer(beta.tokens.admin))
      .send({ botToken: BETA_TOKEN })
      .expect(200);
  });
  afterAll(async () => {
    await stack?.close();
    await slack?.close();
  });
  beforeEach(() => slack.reset());

  const ping = (channel: string) => ({
    id: 'ping',
    type: 'send_notification',
    config: { channel: 'slack', recipients: [channel], message: 'Hello {{client.name}}' },
  });

  async function runFor(workflowId: string, stage: string): Promise<string> {
    const client = await f.createClient(`Client for ${stage}`);
    return f.startedRun(await f.moveStage(client.id, stage), workflowId);
  }

  it('fails the step as permission_denied for a channel of another workspace, and the same workflow succeeds once it names its own channel', async () => {
    const workflow = await f.createWorkflow({
      name: 'Ping the team',
      triggers: [stageTrigger('ping')],
      steps: [ping('C0BETA01'), alertStep('after')],
    });

    const failedRunId = await runFor(workflow.id, 'ping');
    await stack.waitForRun(failedRunId, ['failed']);
    const failed = (
      await f.http().get(`/api/v1/workflows/runs/${failedRunId}`).set(bearer(alpha.tokens.viewer)).expect(200)
    ).body;
    const expectedMessage =
      "Slack channel C0BETA01 is not reachable with this agency's Slack app: no such channel in the agency's Slack workspace (or it is private and the app was not invited) (channel_not_found)";
    expect(failed).toMatchObject({
      status: 'failed',
      error: { stepId: 'ping', code: 'permission_denied', message: expectedMessage },
    });
    const steps = Object.fromEntries(failed.steps.map((step: { stepId: string }) => [step.stepId, step]));
    // Permanent: one attempt, no retries, and the chain halts.
    expect(steps.ping).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'permission_denied', message: expectedMessage, transient: false },
    });
    expect(steps.after?.status ?? 'not reached').not.toBe('completed');
    expect(slack.calls.filter((call) => call.method === 'chat.postMessage')).toHaveLength(1);
    expect(slack.calls[0].token).toBe(ALPHA_TOKEN);
    expect(slack.posted).toHaveLength(0);
    const notification = await stack.api.dataSource
      .getRepository(NotificationEntity)
      .findOneByOrFail({ runId: failedRunId });
    expect(notification).toMatchObject({ status: 'failed', error: { message: expectedMessage } });

    await f
      .http()
      .patch(`/api/v1/workflows/${workflow.id}`)
      .set(bearer(alpha.tokens.manager))
      .send({ steps: [ping('C0ALPHA1'), alertStep('after')] })
      .expect(200);
    const okRunId = await runFor(workflow.id, 'ping');
    await stack.waitForRun(okRunId, ['completed']);
    const ok = (await f.http().get(`/api/v1/workflows/runs/${okRunId}`).set(bearer(alpha.tokens.viewer)).expect(200))
      .body;
    expect(ok).toMatchObject({ status: 'completed', error: null });
    expect(slack.posted).toEqual([
      expect.objectContaining({ token: ALPHA_TOKEN, channel: 'C0ALPHA1', text: 'Hello Client for ping' }),
    ]);
  });

  it.each([
    ['an archived channel', 'C0ALPHAOLD', 'is_archived', 'the channel is archived'],
    ['a channel the app is not a member of', 'C0ALPHAPRIV', 'not_in_channel', 'the app is not a member of the channel'],
    ['a channel id that exists nowhere', 'C0NOWHERE', 'channel_not_found', 'no such channel'],
  ])('fails the step as permission_denied for %s', async (_label, channel, slackError, reason) => {
    const stage = `deny-${slackError}`;
    const workflow = await f.createWorkflow({
      name: `Ping ${channel}`,
      triggers: [stageTrigger(stage)],
      steps: [ping(channel)],
    });
    const runId = await runFor(workflow.id, stage);
    await stack.waitForRun(runId, ['failed']);
    const run = (await f.http().get(`/api/v1/workflows/runs/${runId}`).set(bearer(alpha.tokens.viewer)).expect(200))
      .body;
    expect(run.error).toMatchObject({ stepId: 'ping', code: 'permission_denied' });
    expect(run.error.message).toContain(
      `Slack channel ${channel} is not reachable with this agency's Slack app: ${reason}`,
    );
    expect(run.steps[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });
});
