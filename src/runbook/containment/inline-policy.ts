// The shared mechanics of containment by inline policy on an IAM user or role: Put{User,Role}Policy,
// then Get{User,Role}Policy and a semantic comparison with the document that was put.
import {
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsOptions } from '../../sources/aws';
import { AwsCallError, type AwsIo } from './aws-io';
import type { ContainmentDriver } from './driver';
import { decodePolicyDocument, samePolicy } from './policy-documents';
import { awsCli, type CliArg } from './shell';
import type { ActionOf, Plan, PlannedCall, PrincipalType, Verification } from './types';

type PolicyKind = 'revoke-older-sessions' | 'deny-all';

export interface InlinePolicySpec<K extends PolicyKind> {
  kind: K;
  policyName: string;
  document(action: ActionOf<K>): string;
  title(action: ActionOf<K>): string;
  why(action: ActionOf<K>): string;
  breaks(action: ActionOf<K>): string[];
  undoSummary: string;
  notes(action: ActionOf<K>): string[];
}

interface Target {
  principal: PrincipalType;
  name: string;
}

/** IAM's operation names and parameter for the principal type. */
function names(principal: PrincipalType) {
  return principal === 'user'
    ? { Entity: 'User', param: 'UserName', flag: '--user-name', cliEntity: 'user' }
    : { Entity: 'Role', param: 'RoleName', flag: '--role-name', cliEntity: 'role' };
}

function principalArgs(t: Target, policyName: string): CliArg[] {
  return [
    [names(t.principal).flag, t.name],
    ['--policy-name', policyName],
  ];
}

function principalInput(t: Target, policyName: string): Record<string, string> {
  return { [names(t.principal).param]: t.name, PolicyName: policyName };
}

// Both policy kinds carry { principal, name }; TypeScript cannot see that through a generic K.
function targetOf(a: ActionOf<PolicyKind>): Target {
  return { principal: a.principal, name: a.name };
}

export function principalLabel(t: Target): string {
  return `${t.principal === 'user' ? 'IAM user' : 'IAM role'} ${t.name}`;
}

export function inlinePolicyDriver<K extends PolicyKind>(
  spec: InlinePolicySpec<K>,
): ContainmentDriver<K> {
  const putCall = (a: ActionOf<K>, target: AwsOptions): PlannedCall => {
    const n = names(targetOf(a).principal);
    const document = spec.document(a);
    return {
      service: 'iam',
      operation: `Put${n.Entity}Policy`,
      input: { ...principalInput(targetOf(a), spec.policyName), PolicyDocument: document },
      cli: awsCli(
        'iam',
        `put-${n.cliEntity}-policy`,
        [...principalArgs(targetOf(a), spec.policyName), ['--policy-document', document]],
        target,
      ),
    };
  };

  return {
    subject: (a) => `${principalLabel(targetOf(a))} (inline policy ${spec.policyName})`,

    plan(action, target): Plan {
      const a = targetOf(action);
      const n = names(a.principal);
      const change = putCall(action, target);
      return {
        kind: spec.kind,
        title: spec.title(action),
        why: spec.why(action),
        lookups: [],
        changes: [change],
        checks: [
          {
            service: 'iam',
            operation: `Get${n.Entity}Policy`,
            input: principalInput(a, spec.policyName),
            cli: awsCli(
              'iam',
              `get-${n.cliEntity}-policy`,
              principalArgs(a, spec.policyName),
              target,
            ),
            expect: `PolicyDocument (URL-decoded) means the same as the document put`,
          },
        ],
        manualCommand: change.cli,
        breaks: spec.breaks(action),
        undo: {
          summary: spec.undoSummary,
          cli: [
            awsCli(
              'iam',
              `delete-${n.cliEntity}-policy`,
              principalArgs(a, spec.policyName),
              target,
            ),
          ],
        },
        notes: [
          ...spec.notes(action),
          `An inline policy named ${spec.policyName} already on the ${n.cliEntity} is replaced.`,
        ],
      };
    },

    resolve: (a) => Promise.resolve({ action: a }),

    async perform(action, io) {
      const PolicyDocument = spec.document(action);
      const a = targetOf(action);
      if (a.principal === 'user') {
        const input = { UserName: a.name, PolicyName: spec.policyName, PolicyDocument };
        await io.call('iam', 'PutUserPolicy', input, () =>
          io.iam().send(new PutUserPolicyCommand(input)),
        );
      } else {
        const input = { RoleName: a.name, PolicyName: spec.policyName, PolicyDocument };
        await io.call('iam', 'PutRolePolicy', input, () =>
          io.iam().send(new PutRolePolicyCommand(input)),
        );
      }
    },

    async verify(action, io): Promise<Verification> {
      const expectedDoc = JSON.parse(spec.document(action)) as unknown;
      const expected = { policyName: spec.policyName, document: expectedDoc };
      let text: string | undefined;
      try {
        text = await readPolicy(io, targetOf(action));
      } catch (err) {
        if (!(err instanceof AwsCallError)) throw err;
        return {
          ok: false,
          observed: { policyName: spec.policyName, document: null, error: err.message },
          expected,
          notes: [],
        };
      }
      const document = text === undefined ? null : decodePolicyDocument(text);
      return {
        ok: document !== null && samePolicy(document, expectedDoc),
        observed: { policyName: spec.policyName, document },
        expected,
        notes: [
          'IAM returns the document URL-encoded; it was decoded and compared by meaning ' +
            '(statement and list order, single value or list).',
        ],
      };
    },
  };

  async function readPolicy(io: AwsIo, a: Target): Promise<string | undefined> {
    if (a.principal === 'user') {
      const input = { UserName: a.name, PolicyName: spec.policyName };
      const answer = await io.call('iam', 'GetUserPolicy', input, () =>
        io.iam().send(new GetUserPolicyCommand(input)),
      );
      return answer.PolicyDocument;
    }
    const input = { RoleName: a.name, PolicyName: spec.policyName };
    const answer = await io.call('iam', 'GetRolePolicy', input, () =>
      io.iam().send(new GetRolePolicyCommand(input)),
    );
    return answer.PolicyDocument;
  }
}
