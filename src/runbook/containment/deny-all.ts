// Deny everything to an IAM user or role: an inline policy CairnDenyAll that denies * on *. An
// explicit deny overrides every allow, so the principal can do nothing with any credentials,
// long-term or temporary, until the policy is removed.
import { inlinePolicyDriver, principalLabel } from './inline-policy';
import { DENY_ALL_POLICY_NAME, denyAllPolicy } from './policy-documents';

export const denyAll = inlinePolicyDriver({
  kind: 'deny-all',
  policyName: DENY_ALL_POLICY_NAME,
  document: () => denyAllPolicy(),
  title: (a) => `Deny every action to ${principalLabel(a)}`,
  why: (a) =>
    `Stops ${principalLabel(a)} from doing anything, whichever credentials are used: console ` +
    'sessions, access keys and every session issued from them, including ones the attacker ' +
    'created. The principal, its keys and its policies stay in place for the investigation.',
  breaks: (a) => [
    `Everything using ${principalLabel(a)} fails: people, applications, CI jobs` +
      (a.principal === 'role' ? ', and every service or instance that assumes the role.' : '.'),
  ],
  undoSummary:
    'Delete the policy once the principal is trusted again (after eradication: attacker keys, ' +
    'sessions and changes removed).',
  notes: (a) =>
    a.principal === 'role'
      ? ['Service-linked roles cannot take inline policies (IAM answers UnmodifiableEntity).']
      : [],
});
