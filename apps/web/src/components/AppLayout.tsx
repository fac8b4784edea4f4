import { AppShell, Box, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { hasRole } from '../auth/permissions';
import { usePermissions } from '../auth/usePermissions';
import { useSignOut } from '../auth/useSignOut';
import { LiveStatusContext } from '../live/liveStatus';
import { useLiveUpdates } from '../live/useLiveUpdates';
import { AgencyName } from './AgencyName';
import { LiveIndicator } from './LiveIndicator';
import { NAV_ITEMS } from './navigation';
import { PendingApprovalsBadge } from './PendingApprovalsBadge';
import { RoleBadge } from './RoleBadge';

/** One width for every page (wide enough for the builder beside its flow diagram). */
export const PAGE_MAX_WIDTH = 1200;

/**
 * Header (agency, role, live-updates state, sign out) + role-aware navigation; the navbar collapses
 * behind a burger below `sm`. Live updates are connected here, once, for every page below.
 */
export function AppLayout() {
  const [navOpened, nav] = useDisclosure(false);
  const { pathname } = useLocation();
  const { role, canApprove } = usePermissions();
  const signOut = useSignOut();
  const liveStatus = useLiveUpdates();
  const items = NAV_ITEMS.filter((item) => !item.minRole || hasRole(role, item.minRole));

  return (
    <LiveStatusContext.Provider value={liveStatus}>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding={{ base: 'xs', sm: 'md' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
              <Text fw={700} style={{ flexShrink: 0 }}>
                Automations
              </Text>
              <AgencyName />
              <RoleBadge role={role} />
            </Group>
            <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
              <LiveIndicator status={liveStatus} />
              <Button variant="subtle" size="compact-sm" onClick={signOut}>
                Sign out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="xs" aria-label="Main navigation">
          {role === 'viewer' && (
            <Text size="xs" c="dimmed" px="sm" pb="xs" hiddenFrom="xs">
              Signed in with read-only access
            </Text>
          )}
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              rightSection={item.pendingApprovals && canApprove ? <PendingApprovalsBadge /> : undefined}
              active={item.exact ? pathname === item.to : pathname.startsWith(item.to)}
              onClick={nav.close}
            />
          ))}
        </AppShell.Navbar>

        <AppShell.Main>
          <Box maw={PAGE_MAX_WIDTH} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
    </LiveStatusContext.Provider>
  );
}
