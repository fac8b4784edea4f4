import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from './sseParser';

const feedAll = (chunks: string[]): SseMessage[] => {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.feed(chunk));
};

const run = '{"runId":"r1","workflowId":"w1","clientId":"c1","status":"completed"}';

describe('SseParser', () => {
  it.each<[string, string[], SseMessage[]]>([
    ['one event in one chunk', [`event: run.changed\ndata: ${run}\n\n`], [{ event: 'run.changed', data: run }]],
    [
      'an event split across chunks mid-field',
      ['event: run.ch', `anged\nda`, `ta: ${run}`, '\n', '\n'],
      [{ event: 'run.changed', data: run }],
    ],
    ['comments only (pings)', [': ping\n\n', ':another\n\n'], []],
    [
      'a ping between two events',
      [`event: a\ndata: 1\n\n: ping\n\nevent: b\ndata: 2\n\n`],
      [
        { event: 'a', data: '1' },
        { event: 'b', data: '2' },
      ],
    ],
    [
      'multi-line data joined with newlines',
      ['data: first\ndata: second\ndata:third\n\n'],
      [{ event: 'message', data: 'first\nsecond\nthird' }],
    ],
    [
      'CRLF line ends, CR LF split between chunks',
      ['event: x\r', '\ndata: 1\r\n\r', '\n'],
      [{ event: 'x', data: '1' }],
    ],
    ['bare CR line ends', ['event: x\rdata: 1\r\r'], [{ event: 'x', data: '1' }]],
    ['no dispatch without the blank line', ['event: x\ndata: 1\n'], []],
    ['an event without data is not dispatched', ['event: x\n\n'], []],
    ['empty data is a message', ['data\n\n'], [{ event: 'message', data: '' }]],
    [
      'only one leading space is stripped, colons in values kept',
      ['data:  a: b\n\n'],
      [{ event: 'message', data: ' a: b' }],
    ],
    [
      'the id is remembered for later events',
      ['id: 7\ndata: a\n\ndata: b\n\n'],
      [
        { event: 'message', data: 'a', id: '7' },
        { event: 'message', data: 'b', id: '7' },
      ],
    ],
    ['a leading BOM is ignored', ['\uFEFFevent: x\ndata: 1\n\n'], [{ event: 'x', data: '1' }]],
    ['unknown fields and retry are ignored', ['retry: 5000\nfoo: bar\ndata: 1\n\n'], [{ event: 'message', data: '1' }]],
    [
      'the event type resets after each dispatch',
      ['event: x\ndata: 1\n\ndata: 2\n\n'],
      [
        { event: 'x', data: '1' },
        { event: 'message', data: '2' },
      ],
    ],
  ])('%s', (_name, chunks, expected) => {
    expect(feedAll(chunks)).toEqual(expected);
  });

  it('parses byte-by-byte delivery the same as one chunk', () => {
    const stream = `: ping\n\nevent: run.changed\r\ndata: ${run}\r\n\r\nevent: approval.changed\ndata: {"approvalId":"a1",\ndata: "runId":"r1","status":"approved"}\n\n`;
    const whole = feedAll([stream]);
    expect(feedAll([...stream])).toEqual(whole);
    expect(whole.map((message) => message.event)).toEqual(['run.changed', 'approval.changed']);
    expect(JSON.parse(whole[1].data)).toEqual({ approvalId: 'a1', runId: 'r1', status: 'approved' });
  });
});
