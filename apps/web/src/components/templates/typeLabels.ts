import { useMemo } from 'react';
import { useActionTypes, useTriggerTypes } from '../../api/useTypeCatalogs';
import { humanize } from '../schema-form/jsonSchema';

/** The catalogs' labels by type ("create_task" → "Create a task"); words from the type itself until they load. */
export function useTypeLabels(): (type: string) => string {
  const triggers = useTriggerTypes();
  const actions = useActionTypes();
  return useMemo(() => {
    const labels = new Map<string, string>(
      [...(triggers.data ?? []), ...(actions.data ?? [])].map((entry) => [entry.type, entry.label]),
    );
    // A template's actions list an IF/ELSE as `branch`, which is no catalog type.
    labels.set('branch', 'IF/ELSE branch');
    return (type: string) => labels.get(type) ?? humanize(type);
  }, [triggers.data, actions.data]);
}
