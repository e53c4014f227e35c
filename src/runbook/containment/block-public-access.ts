// Block public access on one bucket: PutPublicAccessBlock with all four flags, verified by
// GetPublicAccessBlock (all four true) and GetBucketPolicyStatus (IsPublic false). The setting
// before the change is read first so the exact undo command can be recorded.
import {
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import type { AwsOptions } from '../../sources/aws';
import { AwsCallError, type AwsIo } from './aws-io';
import type { ContainmentDriver } from './driver';
import { awsCli, type CliArg } from './shell';
import type { ActionOf, Plan, Verification } from './types';

type BlockPublicAccess = ActionOf<'block-public-access'>;

const FLAGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;
type Flags = Record<(typeof FLAGS)[number], boolean>;
const ALL_ON: Flags = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

function bucketInput(a: BlockPublicAccess): { Bucket: string; ExpectedBucketOwner?: string } {
  return a.accountId === undefined
    ? { Bucket: a.bucket }
    : { Bucket: a.bucket, ExpectedBucketOwner: a.accountId };
}

function bucketArgs(a: BlockPublicAccess): CliArg[] {
  return a.accountId === undefined
    ? [['--bucket', a.bucket]]
    : [
        ['--bucket', a.bucket],
        ['--expected-bucket-owner', a.accountId],
      ];
}

/** The CLI's shorthand, e.g. BlockPublicAcls=true,IgnorePublicAcls=true,… */
function shorthand(flags: Flags): string {
  return FLAGS.map((f) => `${f}=${flags[f]}`).join(',');
}

function putCli(a: BlockPublicAccess, flags: Flags, target: AwsOptions): string {
  return awsCli(
    's3',
    'put-public-access-block',
    [...bucketArgs(a), ['--public-access-block-configuration', shorthand(flags)]],
    target,
  );
}

function deleteCli(a: BlockPublicAccess, target: AwsOptions): string {
  return awsCli('s3', 'delete-public-access-block', bucketArgs(a), target);
}

function flagsOf(config: PublicAccessBlockConfiguration | undefined): Flags {
  // S3 reads a flag left out as false.
  return {
    BlockPublicAcls: config?.BlockPublicAcls === true,
    IgnorePublicAcls: config?.IgnorePublicAcls === true,
    BlockPublicPolicy: config?.BlockPublicPolicy === true,
    RestrictPublicBuckets: config?.RestrictPublicBuckets === true,
  };
}

export const blockPublicAccess: ContainmentDriver<'block-public-access'> = {
  subject: (a) => `s3://${a.bucket}`,

  plan(a, target): Plan {
    const get = {
      service: 's3' as const,
      operation: 'GetPublicAccessBlock',
      input: bucketInput(a),
      cli: awsCli('s3', 'get-public-access-block', bucketArgs(a), target),
    };
    const change = {
      service: 's3' as const,
      operation: 'PutPublicAccessBlock',
      input: { ...bucketInput(a), PublicAccessBlockConfiguration: { ...ALL_ON } },
      cli: putCli(a, ALL_ON, target),
    };
    return {
      kind: 'block-public-access',
      title: `Block public access on s3://${a.bucket}`,
      why:
        'Turns on all four Block Public Access settings of the bucket: public ACLs are ignored ' +
        'and refused, public bucket policies are refused, and a public policy already there stops ' +
        'granting access to anyone outside the account. Anonymous reads stop at once; the ' +
        'objects, ACLs and policy stay as they are for the investigation.',
      lookups: [{ ...get }],
      changes: [change],
      checks: [
        { ...get, expect: 'all four settings are true' },
        {
          service: 's3',
          operation: 'GetBucketPolicyStatus',
          input: bucketInput(a),
          cli: awsCli('s3', 'get-bucket-policy-status', bucketArgs(a), target),
          expect:
            'IsPublic is false (a bucket without a policy answers NoSuchBucketPolicy: not public)',
        },
      ],
      manualCommand: change.cli,
      breaks: [
        'Anyone relying on public access to this bucket loses it: public website hosting, links to ' +
          'objects shared without signing, public-read ACL grants.',
        'New public ACLs and public bucket policies are refused (deployments that set them fail).',
      ],
      undo: {
        summary:
          'Put back the setting read before the change (recorded with the outcome), or remove the ' +
          'bucket-level block if there was none.',
        cli: [deleteCli(a, target)],
      },
      notes: [
        'Access granted to named accounts or principals in the bucket policy, through access points, ' +
          'or by presigned URLs is not public and is not affected: review the bucket policy for those.',
        'This is the bucket-level setting. The account-level one (aws s3control ' +
          'put-public-access-block) covers every bucket and is worth turning on after the incident.',
      ],
    };
  },

  async resolve(a, io, target) {
    const input = bucketInput(a);
    try {
      const before = await io.call('s3', 'GetPublicAccessBlock', input, () =>
        io.s3().send(new GetPublicAccessBlockCommand(input)),
      );
      return { action: a, undo: putCli(a, flagsOf(before.PublicAccessBlockConfiguration), target) };
    } catch (err) {
      if (!(err instanceof AwsCallError)) throw err;
      if (err.awsName === 'NoSuchPublicAccessBlockConfiguration') {
        return { action: a, undo: deleteCli(a, target) };
      }
      // Reading may be refused where writing is allowed (a narrow responder role): go on, without
      // an exact undo. Anything else (no such bucket, a wrong owner) stops here.
      if (err.awsName === 'AccessDenied') return { action: a };
      throw err;
    }
  },

  async perform(a, io) {
    const input = { ...bucketInput(a), PublicAccessBlockConfiguration: { ...ALL_ON } };
    await io.call('s3', 'PutPublicAccessBlock', input, () =>
      io.s3().send(new PutPublicAccessBlockCommand(input)),
    );
  },

  async verify(a, io): Promise<Verification> {
    const input = bucketInput(a);
    const notes: string[] = [];
    const errors: string[] = [];
    let observedFlags: Flags | null = null;
    try {
      const answer = await io.call('s3', 'GetPublicAccessBlock', input, () =>
        io.s3().send(new GetPublicAccessBlockCommand(input)),
      );
      observedFlags = flagsOf(answer.PublicAccessBlockConfiguration);
    } catch (err) {
      if (!(err instanceof AwsCallError)) throw err;
      errors.push(err.message);
    }
    const policy = await policyStatus(io, input);
    if (policy.error !== undefined) errors.push(policy.error);
    if (policy.noPolicy) {
      notes.push(
        'The bucket has no bucket policy (GetBucketPolicyStatus answered NoSuchBucketPolicy), ' +
          'so no policy makes it public: counted as IsPublic false.',
      );
    }
    const flags = observedFlags;
    const flagsOk = flags !== null && FLAGS.every((f) => flags[f]);
    if (flagsOk && policy.isPublic === true) {
      notes.push(
        'The bucket policy itself still reads as public (IsPublic true). With RestrictPublicBuckets ' +
          'on, S3 limits it to AWS service principals and users of this account, so anonymous and ' +
          'cross-account access through it is blocked; remove its public statements (after saving ' +
          'a copy as evidence) for this check to pass.',
      );
    }
    return {
      ok: flagsOk && policy.isPublic === false,
      observed: {
        publicAccessBlock: observedFlags,
        isPublic: policy.isPublic,
        ...(errors.length > 0 ? { errors } : {}),
      },
      expected: { publicAccessBlock: { ...ALL_ON }, isPublic: false },
      notes,
    };
  },
};

async function policyStatus(
  io: AwsIo,
  input: { Bucket: string; ExpectedBucketOwner?: string },
): Promise<{ isPublic: boolean | null; noPolicy: boolean; error?: string }> {
  try {
    const answer = await io.call('s3', 'GetBucketPolicyStatus', input, () =>
      io.s3().send(new GetBucketPolicyStatusCommand(input)),
    );
    const isPublic = answer.PolicyStatus?.IsPublic;
    return { isPublic: typeof isPublic === 'boolean' ? isPublic : null, noPolicy: false };
  } catch (err) {
    if (!(err instanceof AwsCallError)) throw err;
    if (err.awsName === 'NoSuchBucketPolicy') return { isPublic: false, noPolicy: true };
    return { isPublic: null, noPolicy: false, error: err.message };
  }
}
