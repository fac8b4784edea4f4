import { closedLoop } from './http.mjs';

/** The one workflow of W1 that matches: onboarding → branch on health → ticket → health green. */
export function matchingWorkflow() {
  return {
    name: 'Bench: onboarding kickoff',
    triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
    steps: [
      {
        id: 'health',
        type: 'branch',
        condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
        then: [
          { id: 'alert', type: 'add_alert', config: { title: '{{client.name}} starts at risk', severity: 'critical' } },
        ],
        else: [
          {
            id: 'task',
            type: 'create_task',
            config: { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2 },
          },
        ],
      },
      {
        id: 'ticket',
        type: 'create_ticket',
        config: { title: 'Onboarding of {{client.name}}', priority: 'medium', category: 'onboarding' },
      },
      { id: 'green', type: 'update_client', config: { health: 'green' } },
    ],
  };
}

/**
 * Active workflows that never fire on W1's events, spread over trigger types the way an agency's
 * automations would be: stage changes into other stages, into onboarding from another stage (same
 * trigger type and stage, rejected by `fromStage`), KPI thresholds, messages, and tickets of another
 * category (W1's create_ticket emits ticket.created with category "onboarding").
 */
export function nonMatchingWorkflow(index) {
  const step = {
    id: 'task',
    type: 'create_task',
    config: { title: `Never #${index} for {{client.name}}`, priority: 'low' },
  };
  const kinds = [
    () => ({ type: 'stage_change', config: { toStage: `stage-${index}` } }),
    () => ({ type: 'stage_change', config: { toStage: 'onboarding', fromStage: `proposal-${index}` } }),
    () => ({ type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 1 + (index % 5) } }),
    () => ({ type: 'stage_change', config: { toStage: `churned-${index}` } }),
    () => ({ type: 'new_message', config: { platform: 'any', contains: `never-${index}` } }),
    () => ({ type: 'ticket_created', config: { category: `billing-${index}` } }),
  ];
  return { name: `Bench: non-matching #${index}`, triggers: [kinds[index % kinds.length]()], steps: [step] };
}

export async function setRunQuota(api, maxRunsPerMinute) {
  const response = await api.call('PATCH', '/api/v1/agency', { settings: { maxRunsPerMinute } });
  return response.body?.settings?.maxRunsPerMinute ?? maxRunsPerMinute;
}

/** `count` clients in one INSERT … SELECT generate_series, every 4th red; ids in creation order. */
export async function seedClients(db, agencyId, count) {
  await db.query(
    `INSERT INTO clients (agency_id, name, stage, health)
     SELECT $1, 'Bench client ' || lpad(g::text, 7, '0'), 'lead', CASE WHEN g % 4 = 0 THEN 'red' ELSE 'green' END
       FROM generate_series(1, $2::int) AS g`,
    [agencyId, count],
  );
  const { rows } = await db.query(`SELECT id, health FROM clients WHERE agency_id = $1 ORDER BY name`, [agencyId]);
  return rows;
}

/** Back to every 4th client red (W1's update_client turns them green; each measured phase starts from the same mix). */
export async function resetClientHealth(db, agencyId) {
  await db.query(
    `UPDATE clients SET health = CASE WHEN right(name, 7)::int % 4 = 0 THEN 'red' ELSE 'green' END WHERE agency_id = $1`,
    [agencyId],
  );
}

export async function createWorkflow(api, definition) {
  const response = await api.call('POST', '/api/v1/workflows', definition, [201]);
  return response.body.id;
}

/** The matching workflow plus `total - 1` non-matching ones, all through the API. */
export async function createW1Workflows(api, total) {
  const matchingId = await createWorkflow(api, matchingWorkflow());
  const others = [];
  await closedLoop(total - 1, 4, async (index) => {
    others[index] = await createWorkflow(api, nonMatchingWorkflow(index));
    return [];
  });
  if (others.some((id) => !id)) throw new Error('creating the non-matching workflows failed');
  return { matchingId, nonMatchingIds: others };
}

/**
 * Adds `count` workflows by SQL, copying API-created rows (every column of workflows and of their
 * current workflow_versions row, so the copy follows whatever the schema holds), round-robin over
 * `templateIds`, with a new id and a numbered name.
 */
export async function copyWorkflows(db, templateIds, count) {
  if (count <= 0) return 0;
  const columnsOf = async (table) =>
    (
      await db.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows.map((row) => row.column_name);
  const workflowColumns = (await columnsOf('workflows')).filter((column) => !['id', 'name'].includes(column));
  const versionColumns = (await columnsOf('workflow_versions')).filter(
    (column) => !['id', 'workflow_id', 'definition'].includes(column),
  );
  const quote = (column) => `"${column}"`;
  await db.query('BEGIN');
  try {
    await db.query(
      `CREATE TEMP TABLE bench_copies ON COMMIT DROP AS
         SELECT gen_random_uuid() AS new_id, t.id AS template_id, n
           FROM generate_series(1, $2::int) AS n
           JOIN LATERAL (SELECT id FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, ord) WHERE ord = ((n - 1) % cardinality($1::uuid[])) + 1) AS t ON true`,
      [templateIds, count],
    );
    await db.query(
      `INSERT INTO workflows (id, name, ${workflowColumns.map(quote).join(', ')})
       SELECT c.new_id, w.name || ' (copy ' || c.n || ')', ${workflowColumns.map((column) => `w.${quote(column)}`).join(', ')}
         FROM bench_copies c JOIN workflows w ON w.id = c.template_id`,
    );
    await db.query(
      `INSERT INTO workflow_versions (workflow_id, definition, ${versionColumns.map(quote).join(', ')})
       SELECT c.new_id, jsonb_set(v.definition, '{name}', to_jsonb(w.name || ' (copy ' || c.n || ')')), ${versionColumns.map((column) => `v.${quote(column)}`).join(', ')}
         FROM bench_copies c JOIN workflows w ON w.id = c.template_id JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version`,
    );
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  return count;
}

export const stageEvent = (clientId, toStage = 'onboarding', fromStage = 'lead') => ({
  type: 'client.stage_changed',
  clientId,
  data: { fromStage, toStage },
});

/** Posts one event; resolves its id. */
export async function postEvent(api, event) {
  const response = await api.call('POST', '/api/v1/events', event, [202]);
  return [response.body.id];
}

/** Posts a batch; resolves its ids. */
export async function postBatch(api, events) {
  const response = await api.call('POST', '/api/v1/events', { events }, [202]);
  return response.body.ids;
}
