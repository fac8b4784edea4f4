/** An approval expires at its `expiresAt`: from that instant on it can no longer be approved. */
export function isApprovalExpired(approval: { expiresAt: Date }, now: Date): boolean {
  return approval.expiresAt.getTime() <= now.getTime();
}
