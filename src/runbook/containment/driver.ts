// What each containment action provides to the runner: a pure plan, the lookups that make the
// action concrete, the change itself, and the read-back that verifies it.
import type { AwsOptions } from '../../sources/aws';
import type { AwsIo } from './aws-io';
import type { ActionOf, ContainmentKind, Plan, Verification } from './types';

export interface Resolved<A> {
  /** The action with what the lookups found (e.g. the owner of an access key). */
  action: A;
  /** The exact command that puts back the state read before the change, when one was read. */
  undo?: string;
}

export interface ContainmentDriver<K extends ContainmentKind> {
  /** What the action touches, for messages: "access key AKIA… (user alice)", "s3://bucket". */
  subject(action: ActionOf<K>): string;
  /** Pure: what will run and why, for showing before anything runs. */
  plan(action: ActionOf<K>, target: AwsOptions): Plan;
  /** Read-only lookups before the change; an AwsCallError here stops the run. */
  resolve(action: ActionOf<K>, io: AwsIo, target: AwsOptions): Promise<Resolved<ActionOf<K>>>;
  /** The change; an AwsCallError here stops the run. */
  perform(action: ActionOf<K>, io: AwsIo): Promise<void>;
  /** Reads the state back; never throws for AWS errors (they are part of what was observed). */
  verify(action: ActionOf<K>, io: AwsIo): Promise<Verification>;
}
