import type { RecordKind, RecordPages } from '../api/useClientRecords';

/** A task, ticket, alert or draft, reduced to what a list card shows. */
export interface RecordView {
  id: string;
  title: string;
  badge: string;
  body: string | null;
  createdAt: string;
  runId: string | null;
}

const VIEWS: { [K in RecordKind]: (page: RecordPages[K]) => RecordView[] } = {
  tasks: (page) =>
    page.items.map((t) => ({
      id: t.id,
      title: t.title,
      badge: `${t.priority} · ${t.status}`,
      body: t.description,
      createdAt: t.createdAt,
      runId: t.runId,
    })),
  tickets: (page) =>
    page.items.map((t) => ({
      id: t.id,
      title: t.title,
      badge: `${t.category} · ${t.status}`,
      body: t.description,
      createdAt: t.createdAt,
      runId: t.runId,
    })),
  alerts: (page) =>
    page.items.map((a) => ({
      id: a.id,
      title: a.title,
      badge: a.severity,
      body: a.message,
      createdAt: a.createdAt,
      runId: a.runId,
    })),
  drafts: (page) =>
    page.items.map((d) => ({
      id: d.id,
      title: d.subject
        ? `Email draft: ${d.subject}`
        : `${d.platform === 'email' ? 'Email' : 'Slack'} draft (${d.tone})`,
      badge: `${d.status.replace('_', ' ')}${d.editedAt ? ' · edited' : ''}`,
      body: d.content,
      createdAt: d.createdAt,
      runId: d.runId,
    })),
};

export function recordViewsOf<K extends RecordKind>(kind: K, page: RecordPages[K]): RecordView[] {
  return VIEWS[kind](page);
}
