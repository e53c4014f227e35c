// Runs one containment action: shown first (the plan), refused without confirmation, nothing but
// the plan on a dry run, otherwise lookups → change → read-back. Every AWS failure ends in an
// outcome with the exact command to run by hand, never in a crash.
import { z } from 'zod';
import { CairnError } from '../../shared/errors';
import type { AwsOptions } from '../../sources/aws';
import { AwsCallError, AwsIo } from './aws-io';
import { withDriver } from './drivers';
import { permissionFor, stopReason } from './failures';
import { assertNotInFuture } from './revoke-older-sessions';
import {
  parseContainmentAction,
  type CallRecord,
  type ContainmentAction,
  type Outcome,
  type Plan,
  type Verification,
} from './types';

const AwsOptionsSchema = z.object({
  profile: z.string().min(1).optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be an AWS region name')
    .optional(),
  endpoint: z.url().optional(),
});

export const ExecuteOptionsSchema = z.strictObject({
  aws: AwsOptionsSchema,
  /** Only plan: no client is made, nothing is sent. Needs no confirmation. */
  dryRun: z.boolean(),
  /** The responder saw the plan and agreed to the change. */
  confirmed: z.boolean(),
  /** UTC ms, from the caller's clock. */
  now: z.number().int().nonnegative(),
});
export type ExecuteOptions = z.infer<typeof ExecuteOptionsSchema>;

function parseOptions(raw: unknown): ExecuteOptions {
  const parsed = ExecuteOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'options';
  throw new CairnError('INVALID_INPUT', `containment options: ${field}: ${issue?.message ?? ''}`);
}

/**
 * What will run, why, what it breaks and how to undo it — pure, for showing before anything runs.
 * `target` adds --profile/--region/--endpoint-url to the commands as Cairn would use them.
 */
export function planContainment(action: ContainmentAction, target: AwsOptions = {}): Plan {
  const a = parseContainmentAction(action);
  return withDriver(a, (driver, x) => driver.plan(x, target));
}

export async function executeContainment(
  action: ContainmentAction,
  options: ExecuteOptions,
): Promise<Outcome> {
  const a = parseContainmentAction(action);
  const opts = parseOptions(options);
  if (a.kind === 'revoke-older-sessions') assertNotInFuture(a, opts.now);
  const plan = planContainment(a, opts.aws);
  if (opts.dryRun) {
    return {
      status: 'dry-run',
      action: a,
      plan,
      message: 'Dry run: nothing was sent to AWS.',
      hint: 'run the command below and confirm it was done, or run again confirmed to let Cairn do it',
      calls: [],
      manualCommand: plan.manualCommand,
      at: opts.now,
    };
  }
  if (!opts.confirmed) {
    const calls = plan.changes.map((c) => `${c.operation} ${JSON.stringify(c.input)}`).join('; ');
    throw new CairnError(
      'INVALID_INPUT',
      `containment not confirmed: it would call ${calls}`,
      `show the plan and pass confirmed: true once the responder agrees (dryRun: true only plans); by hand: ${plan.manualCommand}`,
    );
  }
  return withDriver<Promise<Outcome>>(a, async (driver, x) => {
    const io = new AwsIo(opts.aws);
    let current = x;
    let manualCommand = plan.manualCommand;
    const base = { plan, at: opts.now };
    try {
      const resolved = await driver.resolve(x, io, opts.aws);
      current = resolved.action;
      // Once lookups have filled in the action (e.g. the key's owner), the command names it.
      manualCommand = driver.plan(current, opts.aws).manualCommand;
      await driver.perform(current, io);
      const verification = await driver.verify(current, io);
      const undo = resolved.undo === undefined ? {} : { undo: resolved.undo };
      return {
        ...base,
        status: verification.ok ? 'done-verified' : 'done-unverified',
        action: current,
        message: verification.ok
          ? `${plan.title}: done, and the read-back shows it.`
          : `${plan.title}: the change was accepted, but the read-back does not show what was expected.`,
        ...(verification.ok
          ? {}
          : {
              hint: 'compare observed with expected below; check again by hand with the check commands',
            }),
        calls: io.calls,
        verification,
        ...undo,
      };
    } catch (err) {
      const needed = plan.changes.map((c) => permissionFor(c.service, c.operation));
      const stop = stopReason(err, driver.subject(current), opts.aws.profile, needed);
      return {
        ...base,
        status: stop.status,
        action: current,
        message: stop.message,
        ...(stop.hint === undefined ? {} : { hint: stop.hint }),
        calls: io.calls,
        manualCommand,
      };
    } finally {
      io.destroy();
    }
  });
}

export interface VerifyResult {
  action: ContainmentAction;
  verification: Verification;
  calls: CallRecord[];
}

/**
 * Reads the state back without changing anything: after a responder ran the command by hand,
 * or to re-check later. Needs the key owner's lookup when the action does not name the user.
 */
export async function verifyContainment(
  action: ContainmentAction,
  aws: AwsOptions,
): Promise<VerifyResult> {
  const a = parseContainmentAction(action);
  const target = AwsOptionsSchema.parse(aws);
  // Listing a user's keys needs the user: look the owner up first when the action has none.
  const needsOwner = a.kind === 'deactivate-access-key' && a.userName === undefined;
  return withDriver<Promise<VerifyResult>>(a, async (driver, x) => {
    const io = new AwsIo(target);
    try {
      let current = x;
      if (needsOwner) {
        try {
          current = (await driver.resolve(x, io, target)).action;
        } catch (err) {
          if (!(err instanceof AwsCallError) && !(err instanceof CairnError)) throw err;
          return {
            action: x,
            calls: io.calls,
            verification: {
              ok: false,
              observed: { error: err.message },
              expected: { checks: driver.plan(x, target).checks.map((c) => c.expect) },
              notes: [
                'The owner of the key could not be looked up, so its keys could not be listed.',
              ],
            },
          };
        }
      }
      return { action: current, calls: io.calls, verification: await driver.verify(current, io) };
    } finally {
      io.destroy();
    }
  });
}
