import { liveUpdatePayload, type LiveUpdate } from '@automations/engine';

/** `event: <type>\ndata: <json>\n\n` — the payload is single-line JSON, so one `data:` line suffices. */
export function sseEventFrame(update: LiveUpdate): string {
  return `event: ${update.type}\ndata: ${JSON.stringify(liveUpdatePayload(update))}\n\n`;
}

/** A comment line (`: text`), ignored by EventSource; keeps proxies and load balancers from closing an idle stream. */
export function sseCommentFrame(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
