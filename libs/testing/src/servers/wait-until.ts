/**
 * Polls `condition` until it holds or `timeoutMs` elapses; on timeout rejects with `describe()`
 * (so a failing test says what it was waiting for and what it saw instead).
 */
export async function waitUntil(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
