// Revoke sessions issued before an instant: an inline policy AWSRevokeOlderSessions that denies
// everything when aws:TokenIssueTime is before it. Deactivating a leaked key does not end the
// temporary credentials already obtained with it (GetSessionToken, GetFederationToken,
// AssumeRole); this does, while sessions issued afterwards keep working.
import { CairnError } from '../../shared/errors';
import { inlinePolicyDriver, principalLabel } from './inline-policy';
import {
  REVOKE_POLICY_NAME,
  revokeOlderSessionsPolicy,
  tokenIssueInstant,
} from './policy-documents';
import type { ActionOf } from './types';

// Clocks of the runtime and of whoever chose the instant may differ a little.
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Refuses an instant well after `now`: it would also deny the sessions issued between now and
 * then, the responder's own recovery sessions included.
 */
export function assertNotInFuture(a: ActionOf<'revoke-older-sessions'>, now: number): void {
  if (Date.parse(a.issuedBefore) > now + FUTURE_TOLERANCE_MS) {
    throw new CairnError(
      'INVALID_INPUT',
      `containment action: issuedBefore: ${a.issuedBefore} is after now (${new Date(now).toISOString()})`,
      'use the current time: sessions issued until a later instant, your own included, would be refused too',
    );
  }
}

export const revokeOlderSessions = inlinePolicyDriver({
  kind: 'revoke-older-sessions',
  policyName: REVOKE_POLICY_NAME,
  document: (a) => revokeOlderSessionsPolicy(a.issuedBefore),
  title: (a) =>
    `Revoke sessions of ${principalLabel(a)} issued before ${tokenIssueInstant(a.issuedBefore)}`,
  why: (a) =>
    'Deactivating a key does not end the temporary (ASIA…) credentials already issued from it ' +
    'with GetSessionToken, GetFederationToken or AssumeRole: they work until they expire (up to ' +
    '36 hours, 12 for a role session). This inline policy denies every action to sessions of ' +
    `the ${a.principal} whose token was issued before ${tokenIssueInstant(a.issuedBefore)} ` +
    '(aws:TokenIssueTime); sessions issued later are not affected.',
  breaks: (a) => [
    `Every session of ${principalLabel(a)} issued before the instant is refused, legitimate ones ` +
      'included: workloads using them fail until they get new credentials (long-running ones may ' +
      'need a restart).',
  ],
  undoSummary:
    'Delete the policy only once every session issued before the instant has expired (36 hours ' +
    'at most): while one is still valid, deleting the policy makes it work again.',
  notes: (a) => [
    'The instant is written in UTC and whole seconds; a fraction of a second is rounded up so a ' +
      'session issued within that second is refused too.',
    ...(a.principal === 'user'
      ? [
          'Requests signed directly with the long-term key carry no token issue time, so this does ' +
            'not stop the key itself: deactivate it as well.',
        ]
      : []),
  ],
});
