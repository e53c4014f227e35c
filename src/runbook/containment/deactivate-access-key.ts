// Deactivate (never delete) a long-term access key: UpdateAccessKey Status=Inactive, verified by
// ListAccessKeys. Deleting would lose the key id a responder keeps searching CloudTrail for, and
// could not be undone if a legitimate application turns out to depend on the key.
import {
  GetAccessKeyLastUsedCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
  type AccessKeyMetadata,
} from '@aws-sdk/client-iam';
import { CairnError } from '../../shared/errors';
import type { AwsOptions } from '../../sources/aws';
import { AwsCallError, type AwsIo } from './aws-io';
import type { ContainmentDriver } from './driver';
import { awsCli } from './shell';
import type { Plan, Verification } from './types';

// A user has at most two access keys; the bound only stops a misbehaving endpoint from looping.
const MAX_PAGES = 20;

function ownerLookupCli(keyId: string, target: AwsOptions): string {
  return awsCli(
    'iam',
    'get-access-key-last-used',
    [
      ['--access-key-id', keyId],
      ['--query', 'UserName'],
      ['--output', 'text'],
    ],
    target,
  );
}

export const deactivateAccessKey: ContainmentDriver<'deactivate-access-key'> = {
  subject: (a) =>
    a.userName === undefined
      ? `access key ${a.accessKeyId}`
      : `access key ${a.accessKeyId} (user ${a.userName})`,

  plan(a, target): Plan {
    // Without a user name the CLI asks IAM for the owner inline, so the line stays pasteable.
    const user = a.userName ?? { raw: `"$(${ownerLookupCli(a.accessKeyId, target)})"` };
    const change = {
      service: 'iam' as const,
      operation: 'UpdateAccessKey',
      input: {
        ...(a.userName === undefined ? {} : { UserName: a.userName }),
        AccessKeyId: a.accessKeyId,
        Status: 'Inactive',
      },
      cli: awsCli(
        'iam',
        'update-access-key',
        [
          ['--user-name', user],
          ['--access-key-id', a.accessKeyId],
          ['--status', 'Inactive'],
        ],
        target,
      ),
    };
    const owner = a.userName ?? 'the owner GetAccessKeyLastUsed names';
    return {
      kind: 'deactivate-access-key',
      title: `Deactivate access key ${a.accessKeyId}`,
      why:
        'Every request signed with this long-term key is refused from the moment it is inactive. ' +
        'Deactivate, do not delete: an inactive key can be made active again if a legitimate ' +
        'application needs it, and its id stays on record so CloudTrail can keep being searched ' +
        'for it (watch for the same accessKeyId for 30 minutes afterwards).',
      lookups:
        a.userName === undefined
          ? [
              {
                service: 'iam',
                operation: 'GetAccessKeyLastUsed',
                input: { AccessKeyId: a.accessKeyId },
                cli: ownerLookupCli(a.accessKeyId, target),
              },
            ]
          : [],
      changes: [change],
      checks: [
        {
          service: 'iam',
          operation: 'ListAccessKeys',
          input: a.userName === undefined ? {} : { UserName: a.userName },
          cli: awsCli('iam', 'list-access-keys', [['--user-name', user]], target),
          expect: `${a.accessKeyId} is listed for ${owner} with Status Inactive`,
        },
      ],
      manualCommand: change.cli,
      breaks: [
        `Applications, scripts and CI jobs using ${a.accessKeyId} start failing: AWS refuses the key.`,
        'Sessions already issued from the key (GetSessionToken, GetFederationToken, AssumeRole) keep ' +
          'working until they expire: revoke them with revoke-older-sessions on the owner.',
      ],
      undo: {
        summary:
          'Make the key active again (only if a legitimate application needs it before it has a ' +
          'new key, and only once the leak is understood).',
        cli: [
          awsCli(
            'iam',
            'update-access-key',
            [
              ['--user-name', user],
              ['--access-key-id', a.accessKeyId],
              ['--status', 'Active'],
            ],
            target,
          ),
        ],
      },
      notes:
        a.userName === undefined
          ? [
              'No user name was given. Without one, IAM applies UpdateAccessKey to the keys of the ' +
                'user whose credentials sign the request (yours), and would not find a key that ' +
                'belongs to someone else. So Cairn first asks IAM who owns the key ' +
                '(GetAccessKeyLastUsed returns the UserName of any key in the account) and then names ' +
                'that user; the input above gets that UserName.',
              'If that lookup is refused, the key may belong to another account: ' +
                `aws sts get-access-key-info --access-key-id ${a.accessKeyId} names the account.`,
            ]
          : [],
    };
  },

  async resolve(a, io) {
    if (a.userName !== undefined) return { action: a };
    const input = { AccessKeyId: a.accessKeyId };
    const answer = await io.call('iam', 'GetAccessKeyLastUsed', input, () =>
      io.iam().send(new GetAccessKeyLastUsedCommand(input)),
    );
    if (!answer.UserName) {
      throw new CairnError(
        'NOT_FOUND',
        `access key ${a.accessKeyId}: IAM named no owner for it (GetAccessKeyLastUsed)`,
        'give the user name that owns the key',
      );
    }
    return { action: { ...a, userName: answer.UserName } };
  },

  async perform(a, io) {
    const input = {
      ...(a.userName === undefined ? {} : { UserName: a.userName }),
      AccessKeyId: a.accessKeyId,
      Status: 'Inactive' as const,
    };
    await io.call('iam', 'UpdateAccessKey', input, () =>
      io.iam().send(new UpdateAccessKeyCommand(input)),
    );
  },

  async verify(a, io): Promise<Verification> {
    const expected = { accessKeyId: a.accessKeyId, status: 'Inactive' };
    let keys: AccessKeyMetadata[];
    try {
      keys = await listKeys(io, a.userName);
    } catch (err) {
      if (!(err instanceof AwsCallError)) throw err;
      return { ok: false, observed: { error: err.message }, expected, notes: [] };
    }
    const key = keys.find((k) => k.AccessKeyId === a.accessKeyId);
    const status = key?.Status ?? 'not listed';
    return {
      ok: status === 'Inactive',
      observed: { accessKeyId: a.accessKeyId, userName: key?.UserName ?? a.userName, status },
      expected,
      notes: [],
    };
  },
};

async function listKeys(io: AwsIo, userName: string | undefined): Promise<AccessKeyMetadata[]> {
  const keys: AccessKeyMetadata[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const input = {
      ...(userName === undefined ? {} : { UserName: userName }),
      ...(marker === undefined ? {} : { Marker: marker }),
    };
    const answer = await io.call('iam', 'ListAccessKeys', input, () =>
      io.iam().send(new ListAccessKeysCommand(input)),
    );
    keys.push(...(answer.AccessKeyMetadata ?? []));
    if (!answer.IsTruncated || !answer.Marker) break;
    marker = answer.Marker;
  }
  return keys;
}
