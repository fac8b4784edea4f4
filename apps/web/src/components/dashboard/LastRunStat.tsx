import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { AutomationStat } from './AutomationStat';

/** When an automation last ran ("3 hours ago", the exact time on hover), or "Never". */
export function LastRunStat({ lastRunAt }: { lastRunAt: string | null }) {
  return (
    <AutomationStat label="Last run">
      {lastRunAt ? (
        <time dateTime={lastRunAt} title={formatDateTime(lastRunAt)}>
          {formatRelativeTime(lastRunAt)}
        </time>
      ) : (
        'Never'
      )}
    </AutomationStat>
  );
}
