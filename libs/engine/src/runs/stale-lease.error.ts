/** The run's lease moved to another worker: this worker must not commit anything more for it. */
export class StaleLeaseError extends Error {
  constructor(runId: string) {
    super(`Lease on run ${runId} was taken over by another worker`);
    this.name = 'StaleLeaseError';
  }
}
