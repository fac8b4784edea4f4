import { useMe } from '../api/useMe';
import { permissionsOf, type Permissions } from './permissions';

/** The signed-in role's permissions; read-only while the role is loading or unknown. */
export function usePermissions(): Permissions & { isPending: boolean; error: unknown; retry: () => void } {
  const me = useMe();
  return {
    ...permissionsOf(me.data?.role ?? null),
    isPending: me.isPending,
    error: me.error,
    retry: () => void me.refetch(),
  };
}
