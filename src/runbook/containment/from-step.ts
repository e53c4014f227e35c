// Builds a containment action from a runbook action step: its kind, and the values its params
// bound to (facts, finding fields). Runbook step params are flat facts, so they are mapped here
// rather than in every runbook: `kind: 'user'|'role'` in a step's params names the principal
// type (the action's own `kind` is the containment kind), an instant may be UTC ms, and a null
// fact means "not known" (the optional field is left out).
import type { FactValue } from '../../shared/runbook';
import { parseContainmentAction, type ContainmentAction, type ContainmentKind } from './types';

export function actionFromStep(
  kind: ContainmentKind,
  params: Readonly<Record<string, FactValue>>,
): ContainmentAction {
  const fields: Record<string, FactValue> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value !== null) fields[name] = value;
  }
  if (kind === 'revoke-older-sessions' || kind === 'deny-all') {
    if (fields.principal === undefined && fields.kind !== undefined) fields.principal = fields.kind;
    delete fields.kind;
  }
  if (typeof fields.issuedBefore === 'number') {
    fields.issuedBefore = new Date(fields.issuedBefore).toISOString();
  }
  return parseContainmentAction({ ...fields, kind });
}
