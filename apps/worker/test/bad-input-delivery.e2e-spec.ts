import { SlackApiServer, SmtpSink, startSlackApiServer, startSmtpSink } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

/**
 * The bad-input rows that need the engine: hostile client data (and workflow text) on its way out to
 * Slack and email. Each row is refused at save time, or delivered inert: escaped for where it lands,
 * never a ping, a tag, or an extra mail header.
 */

const TEMPLATE_INJECTION = "{{constructor.constructor('return process')()}}";

interface Delivered {
  slack: SlackApiServer;
  smtp: SmtpSink;
}

interface DeliveryRow {
  name: string;
  clientName: string;
  workflowName?: string;
  step: Record<string, unknown>;
  /** Checks what the local Slack server / SMTP sink received. */
  delivered: (servers: Delivered) => Promise<void>;
}

/** The header block of a raw message, unfolded: one header per line. */
const headerLines = (raw: string) =>
  raw
    .split(/\r?\n\r?\n/)[0]
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/);

const slackText = (slack: SlackApiServer) => {
  expect(slack.posted).toHaveLength(1);
  return slack.posted[0].text;
};

const rows: DeliveryRow[] = [
  {
    name: 'Slack: <!channel> and <script> in a client name are escaped, so nobody is pinged',
    clientName: '<!channel> <script>alert(1)</script> & Co',
    step: { channel: 'slack', recipients: ['C0BADIN1'], message: 'New client {{client.name}}' },
    delivered: async ({ slack }) => {
      const text = slackText(slack);
      expect(text).toBe('New client &lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
      expect(text).not.toMatch(/<!channel>|<script>/);
    },
  },
  {
    name: 'Slack: user mentions and links in a client name stay text',
    clientName: '<@U0ADMIN> <https://evil.test|click here> <!here>',
    step: { channel: 'slack', recipients: ['C0BADIN1'], message: '{{client.name}} needs a call' },
    delivered: async ({ slack }) => {
      expect(slackText(slack)).toBe('&lt;@U0ADMIN&gt; &lt;https://evil.test|click here&gt; &lt;!here&gt; needs a call');
    },
  },
  {
    name: 'Slack: a template payload in a client name arrives as literal text',
    clientName: TEMPLATE_INJECTION,
    step: { channel: 'slack', recipients: ['C0BADIN1'], message: 'Hello {{client.name}}' },
    delivered: async ({ slack }) => {
      expect(slackText(slack)).toBe(`Hello ${TEMPLATE_INJECTION}`);
    },
  },
  {
    name: 'email: <script> in a client name is HTML-escaped in the HTML part and plain in the text part',
    clientName: '<script>alert(1)</script> "Acme" & \'Co\'',
    step: {
      channel: 'email',
      recipients: ['ops@agency.test'],
      subject: 'About {{client.name}}',
      message: 'Say hi to {{client.name}}',
    },
    delivered: async ({ smtp }) => {
      const [message] = await smtp.waitForMessages(1);
      expect(message.html).toContain(
        'Say hi to &lt;script&gt;alert(1)&lt;/script&gt; &quot;Acme&quot; &amp; &#39;Co&#39;',
      );
      expect(message.html).not.toContain('<script>');
      expect(message.text.trim()).toBe('Say hi to <script>alert(1)</script> "Acme" & \'Co\'');
    },
  },
  {
    name: 'email: markup the author typed in the message template arrives as text in the HTML part, as in the text part',
    clientName: 'Plain Client',
    step: {
      channel: 'email',
      recipients: ['ops@agency.test'],
      message: '<a href="https://evil.test">Reset your password</a>\nfor {{client.name}} & co',
    },
    delivered: async ({ smtp }) => {
      const [message] = await smtp.waitForMessages(1);
      expect(message.html).toContain(
        '&lt;a href=&quot;https://evil.test&quot;&gt;Reset your password&lt;/a&gt;<br>for Plain Client &amp; co',
      );
      expect(message.html).not.toContain('<a href');
      expect(message.text.trim()).toBe('<a href="https://evil.test">Reset your password</a>\nfor Plain Client & co');
    },
  },
  {
    name: 'email: CR/LF in a client name cannot add a header through the subject',
    clientName: 'Evil\r\nBcc: victim@x.test\r\nX-Injected: yes',
    step: { channel: 'email', recipients: ['ops@agency.test'], subject: 'Client {{client.name}}', message: 'Hello' },
    delivered: async ({ smtp }) => {
      const [message] = await smtp.waitForMessages(1);
      expect(message.subject).toBe('Client EvilBcc: victim@x.testX-Injected: yes');
      expect(headerLines(message.raw).filter((line) => /^(bcc|x-injected):/i.test(line))).toEqual([]);
      expect(message.to).toEqual(['ops@agency.test']);
    },
  },
  {
    name: 'email: CR/LF written into the subject template itself cannot add a header',
    clientName: 'Plain Client',
    step: {
      channel: 'email',
      recipients: ['ops@agency.test'],
      subject: 'Report\r\nBcc: victim@x.test',
      message: 'Hello',
    },
    delivered: async ({ smtp }) => {
      const [message] = await smtp.waitForMessages(1);
      expect(headerLines(message.raw).filter((line) => /^bcc:/i.test(line))).toEqual([]);
      expect(message.subject).toMatch(/^Report ?Bcc: victim@x\.test$/);
      expect(message.to).toEqual(['ops@agency.test']);
    },
  },
  {
    name: 'email: CR/LF in the workflow name cannot add a header through the default subject',
    clientName: 'Plain Client',
    workflowName: 'Weekly\r\nBcc: victim@x.test',
    step: { channel: 'email', recipients: ['ops@agency.test'], message: 'Hello' },
    delivered: async ({ smtp }) => {
      const [message] = await smtp.waitForMessages(1);
      expect(headerLines(message.raw).filter((line) => /^bcc:/i.test(line))).toEqual([]);
      expect(message.subject).toMatch(/^Automation: Weekly ?Bcc: victim@x\.test$/);
    },
  },
];

describe('bad input on its way out: Slack and email receive it inert', () => {
  let slack: SlackApiServer;
  let smtp: SmtpSink;
  let stack: TestStack;
  let agency: TestAgency;
  let f: ReturnType<typeof engineFixtures>;

  beforeAll(async () => {
    [slack, smtp] = await Promise.all([startSlackApiServer(), startSmtpSink()]);
    stack = await startTestStack({ SLACK_API_URL: slack.url, SMTP_URL: smtp.url });
    agency = await stack.createAgency('Delivery Bad Input');
    f = engineFixtures(stack, agency);
    await f
      .http()
      .put('/api/v1/integrations/slack')
      .set(bearer(agency.tokens.admin))
      .send({ botToken: 'xoxb-bad-input-123456' })
      .expect(200);
    await f
      .http()
      .put('/api/v1/integrations/email')
      .set(bearer(agency.tokens.admin))
      .send({ fromAddress: 'robot@agency.test' })
      .expect(200);
  });
  afterAll(async () => {
    await stack?.close();
    await Promise.all([slack?.close(), smtp?.close()]);
  });
  beforeEach(() => {
    slack.reset();
    smtp.reset();
  });

  it.each(rows.map((row, index) => [row.name, row, index] as const))('%s', async (_name, row, index) => {
    const stage = `delivery-${index}`;
    const workflow = await f.createWorkflow({
      name: row.workflowName ?? `Delivery ${index}`,
      triggers: [stageTrigger(stage)],
      steps: [{ id: 'send', type: 'send_notification', config: row.step }],
    });
    const client = await f.createClient(row.clientName);
    const runId = await f.startedRun(await f.moveStage(client.id, stage), workflow.id);
    await stack.waitForRun(runId, ['completed']);
    await row.delivered({ slack, smtp });
  });
});
