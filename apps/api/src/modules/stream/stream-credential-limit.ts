/**
 * Open live streams per credential in this API process (issue 11: one API key held 300 streams). `acquire` answers a
 * release function, or null when the credential already holds `max` streams; releasing twice is harmless.
 */
export class StreamCredentialLimit {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  acquire(credential: string): (() => void) | null {
    const count = this.open.get(credential) ?? 0;
    if (count >= this.max) return null;
    this.open.set(credential, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(credential) ?? 1) - 1;
      if (left <= 0) this.open.delete(credential);
      else this.open.set(credential, left);
    };
  }

  count(credential: string): number {
    return this.open.get(credential) ?? 0;
  }
}
