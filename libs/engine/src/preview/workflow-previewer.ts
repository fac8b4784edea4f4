import {
  PreviewClientNotFoundError,
  type PreviewSubject,
  type WorkflowPreview,
  type WorkflowPreviewRequest,
} from './preview.types';
import { ReadOnlyClientReader } from './read-only-client-reader';
import { sampleSnapshot, sampleTriggerState } from './sample-client';
import type { PreviewFacts } from './trigger-preview';
import { simulateWorkflow } from './workflow-simulation';

/**
 * Test mode (`POST /workflows/{id}/test`, `POST /workflows/test`): what a run of a definition would
 * do for a client and an optional event, with no writes and no external calls.
 *
 * The effects boundary is what it is built with: a `ReadOnlyClientReader` (reads in `READ ONLY`
 * transactions, so Postgres refuses any write) and nothing else — no data source, no queues, no
 * Slack / SMTP / AI adapters. Drafts come from the deterministic template drafter unless the
 * caller hands over an AI drafter for one request (`useAi`), whose only effect is the model call.
 */
export class WorkflowPreviewer {
  readonly #reader: ReadOnlyClientReader;

  constructor(reader: ReadOnlyClientReader) {
    // Not just the shape: only the read-only reader itself (its data source is unreachable).
    if (!(reader instanceof ReadOnlyClientReader))
      throw new TypeError('WorkflowPreviewer needs a ReadOnlyClientReader');
    this.#reader = reader;
  }

  /** Throws `PreviewClientNotFoundError` when `subject.clientId` is not a client of the agency. */
  async preview(request: WorkflowPreviewRequest): Promise<WorkflowPreview> {
    const now = request.now ?? new Date();
    const facts = await this.factsOf(request.agencyId, request.subject, now);
    return simulateWorkflow({
      definition: request.definition,
      workflowName: request.workflowName,
      facts,
      ...(request.event ? { event: request.event } : {}),
      ...(request.aiDrafter ? { aiDrafter: request.aiDrafter } : {}),
      now,
    });
  }

  private async factsOf(agencyId: string, subject: PreviewSubject, now: Date): Promise<PreviewFacts> {
    if ('clientId' in subject) {
      const snapshot = await this.#reader.takeSnapshot(agencyId, subject.clientId);
      if (!snapshot) throw new PreviewClientNotFoundError(subject.clientId);
      return { snapshot, triggerState: await this.#reader.loadTriggerState(snapshot), sample: false };
    }
    const agency = await this.#reader.agency(agencyId);
    if (!agency) throw new Error(`Agency ${agencyId} not found`);
    const snapshot = sampleSnapshot(subject.sample, agency, now);
    return { snapshot, triggerState: sampleTriggerState(snapshot), sample: true };
  }
}
