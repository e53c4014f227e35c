// Containment actions against AWS for the runbooks: plan (pure, shown first), execute (confirmed,
// or a dry run), verify (read the state back).
export { executeContainment, planContainment, verifyContainment } from './execute';
export type { ExecuteOptions, VerifyResult } from './execute';
export { ExecuteOptionsSchema } from './execute';
export { actionFromStep } from './from-step';
export {
  DENY_ALL_POLICY_NAME,
  REVOKE_POLICY_NAME,
  denyAllPolicy,
  revokeOlderSessionsPolicy,
} from './policy-documents';
export { shellQuote } from './shell';
export {
  CallRecordSchema,
  ContainmentActionSchema,
  OUTCOME_STATUSES,
  OutcomeSchema,
  PlanSchema,
  VerificationSchema,
  parseContainmentAction,
} from './types';
export type {
  CallRecord,
  ContainmentAction,
  ContainmentKind,
  Outcome,
  OutcomeStatus,
  Plan,
  PlannedCall,
  PlannedCheck,
  PrincipalType,
  Verification,
} from './types';
