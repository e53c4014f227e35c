// One driver per containment kind, and the one place that picks it (an exhaustive switch keeps the
// action and its driver's type together).
import { blockPublicAccess } from './block-public-access';
import { deactivateAccessKey } from './deactivate-access-key';
import { denyAll } from './deny-all';
import type { ContainmentDriver } from './driver';
import { revokeOlderSessions } from './revoke-older-sessions';
import type { ActionOf, ContainmentAction, ContainmentKind } from './types';

export type DriverUse<R> = <K extends ContainmentKind>(
  driver: ContainmentDriver<K>,
  action: ActionOf<K>,
) => R;

export function withDriver<R>(action: ContainmentAction, use: DriverUse<R>): R {
  switch (action.kind) {
    case 'deactivate-access-key':
      return use(deactivateAccessKey, action);
    case 'block-public-access':
      return use(blockPublicAccess, action);
    case 'revoke-older-sessions':
      return use(revokeOlderSessions, action);
    case 'deny-all':
      return use(denyAll, action);
  }
}
