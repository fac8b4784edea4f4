import { LiveStreamRegistry, type LiveStream } from './live-stream-registry';

class RecordingStream implements LiveStream {
  readonly frames: string[] = [];
  closed = false;
  send(frame: string): void {
    this.frames.push(frame);
  }
  close(): void {
    this.closed = true;
  }
}

describe('LiveStreamRegistry (fan-out by agency)', () => {
  it('delivers a frame to every stream of its agency and to no other agency', () => {
    const registry = new LiveStreamRegistry();
    const [a1, a2, b] = [new RecordingStream(), new RecordingStream(), new RecordingStream()];
    registry.add('agency-a', a1);
    registry.add('agency-a', a2);
    registry.add('agency-b', b);

    expect(registry.dispatch('agency-a', 'frame for a')).toBe(2);
    expect(registry.dispatch('agency-c', 'frame for nobody')).toBe(0);

    expect(a1.frames).toEqual(['frame for a']);
    expect(a2.frames).toEqual(['frame for a']);
    expect(b.frames).toEqual([]);
  });

  it('stops delivering to a removed stream; removing twice is harmless', () => {
    const registry = new LiveStreamRegistry();
    const [kept, gone] = [new RecordingStream(), new RecordingStream()];
    registry.add('agency-a', kept);
    const remove = registry.add('agency-a', gone);
    remove();
    remove();
    registry.dispatch('agency-a', 'after');
    expect(gone.frames).toEqual([]);
    expect(kept.frames).toEqual(['after']);
    expect(registry.count('agency-a')).toBe(1);
  });

  it('tolerates a stream that unregisters itself while a frame is being delivered', () => {
    const registry = new LiveStreamRegistry();
    const later = new RecordingStream();
    let remove = () => undefined as void;
    const leaving: LiveStream = { send: () => remove(), close: () => undefined };
    remove = registry.add('agency-a', leaving);
    registry.add('agency-a', later);
    registry.dispatch('agency-a', 'frame');
    expect(later.frames).toEqual(['frame']);
    expect(registry.count('agency-a')).toBe(1);
  });

  it('closes and forgets every stream on shutdown', () => {
    const registry = new LiveStreamRegistry();
    const streams = [new RecordingStream(), new RecordingStream()];
    registry.add('agency-a', streams[0]);
    registry.add('agency-b', streams[1]);
    registry.closeAll();
    expect(streams.map((s) => s.closed)).toEqual([true, true]);
    expect(registry.count()).toBe(0);
  });
});
