import { actionCatalog, triggerCatalog } from '@automations/domain';
import { describe, expect, it } from 'vitest';
import type { TypeDescriptor } from '../../api/types';
import { diffInWords, positionInWords, valueInWords, type WorkflowVersionDiff } from './diffWords';

const catalogs = {
  triggers: JSON.parse(JSON.stringify(triggerCatalog)) as TypeDescriptor[],
  actions: JSON.parse(JSON.stringify(actionCatalog)) as TypeDescriptor[],
};
const label = (list: TypeDescriptor[], type: string) => list.find((item) => item.type === type)!.label;

describe('diffInWords', () => {
  it('says settings, triggers and steps changes in words, leaving out empty sections', () => {
    const diff = {
      from: 2,
      to: 5,
      settings: { changed: [{ field: 'name', old: 'Old', new: 'New' }] },
      triggers: {
        added: [{ type: 'kpi_threshold', index: 1, trigger: { type: 'kpi_threshold', config: {} } }],
        removed: [],
        changed: [
          {
            type: 'stage_change',
            fromIndex: 0,
            toIndex: 0,
            changes: [{ path: 'config.toStage', old: 'lead', new: 'onboarding' }],
          },
        ],
      },
      steps: {
        added: [],
        removed: [{ id: 'ping', path: 'steps[2]', step: { id: 'ping', type: 'send_notification', config: {} } }],
        changed: [
          {
            id: 'task',
            type: 'create_task',
            path: 'steps[0]',
            changes: [{ path: 'config.priority', old: 'low', new: 'high' }],
          },
        ],
        moved: [{ id: 'alert', from: 'steps[1]', to: 'steps[1].then[0]' }],
      },
    } as unknown as WorkflowVersionDiff;
    const definition = {
      steps: [
        { id: 'task', type: 'create_task' },
        { id: 'health', type: 'branch', then: [{ id: 'alert', type: 'add_alert' }] },
      ],
    };
    const sections = diffInWords(diff, catalogs, definition);
    expect(sections.map((section) => section.title)).toEqual(['Settings', 'Triggers', 'Steps']);
    expect(sections[0].lines).toEqual(['Name: “Old” → “New”']);
    expect(sections[1].lines[0]).toBe(`Added: ${label(catalogs.triggers, 'kpi_threshold')}`);
    expect(sections[1].lines[1]).toMatch(
      new RegExp(`^Changed: ${label(catalogs.triggers, 'stage_change')} — .+: “lead” → “onboarding”$`),
    );
    expect(sections[2].lines[0]).toBe(`Removed: ${label(catalogs.actions, 'send_notification')} (was step 3)`);
    expect(sections[2].lines[1]).toMatch(
      new RegExp(`^Changed: ${label(catalogs.actions, 'create_task')} \\(step 1\\) — .+: “low” → “high”$`),
    );
    expect(sections[2].lines[2]).toBe(
      `Moved: ${label(catalogs.actions, 'add_alert')} from step 2 to step 1 if yes, in step 2`,
    );
  });

  it('is empty when nothing changed', () => {
    const empty = {
      from: 1,
      to: 2,
      settings: { changed: [] },
      triggers: { added: [], removed: [], changed: [] },
      steps: { added: [], removed: [], changed: [], moved: [] },
    } as unknown as WorkflowVersionDiff;
    expect(diffInWords(empty, catalogs)).toEqual([]);
  });

  it('says values and positions in words', () => {
    expect(valueInWords(null)).toBe('(empty)');
    expect(valueInWords(true)).toBe('yes');
    expect(valueInWords(['a', 'b'])).toBe('“a”, “b”');
    expect(positionInWords('steps[0]')).toBe('step 1');
    expect(positionInWords('steps[1].else[2]')).toBe('step 3 if no, in step 2');
  });
});
