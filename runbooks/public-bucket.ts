// Runbook: an S3 bucket was (or may have been) public. Preserve the evidence of how it was
// configured, close the control plane first (block public access on the bucket), then work out
// when it was exposed and who read what meanwhile, from both the access logs and data events,
// because either may be missing. Personal data in the bucket starts the notification clocks.
import type { RunbookInfo } from '../src/shared/runbook';
import {
  actionStep,
  initialContext,
  option,
  runbookSetup,
  skipTo as skip,
} from '../src/shared/runbook-machine';

export const publicBucketMachine = runbookSetup.createMachine({
  id: 'pb',
  context: ({ input }) => initialContext(input.facts),
  initial: 'contain',
  states: {
    contain: {
      initial: 'intake',
      states: {
        intake: { on: { INPUT: { target: 'preserve', actions: 'recordInput' } } },
        preserve: { on: { COMPLETE: 'exposureNow', ...skip('exposureNow') } },
        exposureNow: {
          on: {
            EVIDENCE: { target: 'stillOpen', actions: 'recordEvidence' },
            ...skip('stillOpen'),
          },
        },
        stillOpen: {
          on: {
            DECIDE: [
              option('stillOpen', 'block', 'blockPublicAccess'),
              option('stillOpen', 'already-closed', '#pb.scope'),
              option('stillOpen', 'not-ours', 'tellOwner'),
            ],
          },
        },
        blockPublicAccess: { on: actionStep('blockPublicAccess', '#pb.scope') },
        tellOwner: { on: { COMPLETE: '#pb.closed', ...skip('#pb.closed') } },
      },
    },
    scope: {
      initial: 'coverage',
      states: {
        coverage: { on: { COMPLETE: 'exposure', ...skip('exposure') } },
        exposure: {
          on: { EVIDENCE: { target: 'accessed', actions: 'recordEvidence' }, ...skip('accessed') },
        },
        accessed: {
          on: {
            DECIDE: [
              option('accessed', 'external-reads', 'whatWasRead'),
              option('accessed', 'cannot-tell', 'whatWasRead'),
              option('accessed', 'no-external-reads', 'cause'),
            ],
          },
        },
        whatWasRead: { on: { COMPLETE: 'cause', ...skip('cause') } },
        cause: {
          on: {
            DECIDE: [
              option('cause', 'misconfiguration', '#pb.notify'),
              option('cause', 'compromised-credential', 'credential'),
            ],
          },
        },
        credential: { on: { COMPLETE: '#pb.notify', ...skip('#pb.notify') } },
      },
    },
    notify: {
      initial: 'personalData',
      states: {
        personalData: { on: { INPUT: { target: 'legal', actions: 'recordInput' } } },
        legal: { on: { COMPLETE: '#pb.recover', ...skip('#pb.recover') } },
      },
    },
    recover: {
      initial: 'eradicate',
      states: {
        eradicate: { on: { COMPLETE: 'harden', ...skip('harden') } },
        harden: { on: { COMPLETE: '#pb.closed', ...skip('#pb.closed') } },
      },
    },
    closed: { type: 'final' },
  },
});

export const publicBucket: RunbookInfo = {
  id: 'public-bucket',
  version: '1.0.0',
  title: 'Public S3 bucket',
  summary:
    'A bucket was, or may have been, readable from the internet. Preserve how it was configured, block public access, then establish the exposure window and who read what during it.',
  startFacts: [
    { id: 'bucket', label: 'Bucket name', kind: 'text', required: true },
    {
      id: 'ownerAccountId',
      label: 'Account that owns it (12 digits)',
      kind: 'text',
      required: false,
      help: 'Sent as the expected owner with every change, so Cairn never changes someone else’s bucket.',
    },
  ],
  steps: {
    intake: {
      kind: 'input',
      phase: 'contain',
      title: 'Which bucket, and how you learned of it',
      why: 'The trigger says how sure you are and how much time there is: an extortion note or a researcher means someone already has the data.',
      do: [
        'Take the bucket from the alert (GuardDuty Policy:S3/BucketAnonymousAccessGranted, Macie, Config, Security Hub, a researcher, the press).',
        'Note who reported it and what they said they saw.',
      ],
      fields: [
        { id: 'bucket', label: 'Bucket name', kind: 'text', required: true },
        { id: 'ownerAccountId', label: 'Owner account (12 digits)', kind: 'text', required: false },
        {
          id: 'reportedBy',
          label: 'How it was found (finding, researcher, press …)',
          kind: 'text',
          required: false,
        },
      ],
    },
    preserve: {
      kind: 'instruction',
      phase: 'contain',
      title: 'Record how it is configured, before changing it',
      why: 'Blocking public access changes what you would later need to prove how the data was exposed. Two minutes of copying now saves the argument later.',
      do: [
        'aws s3api get-bucket-policy --bucket {bucket} > policy.json (NoSuchBucketPolicy is an answer too)',
        'aws s3api get-bucket-acl --bucket {bucket} > acl.json; aws s3api get-public-access-block --bucket {bucket}; aws s3control get-public-access-block --account-id {ownerAccountId}',
        'Copy the bucket’s server access logs and the CloudTrail for the last days into the case (cairn ingest).',
      ],
      checklist: [
        'Policy, ACL and both public access block settings saved',
        'Access logs and CloudTrail copied into the case',
      ],
    },
    exposureNow: {
      kind: 'evidence',
      phase: 'contain',
      title: 'Is it public right now?',
      why: 'Replaying the policy, ACL and public access block changes says whether the bucket is still open and since when, from the logs alone.',
      do: ['Run the bucket exposure analysis on the evidence ingested so far.'],
      analyses: [{ name: 'bucketExposure', params: { bucket: { fact: 'bucket' } } }],
      expects:
        'The exposure state at the last log record, each public window and what opened and closed it.',
    },
    stillOpen: {
      kind: 'decision',
      phase: 'contain',
      title: 'Close it now?',
      why: 'Control plane first: while the bucket is public every minute can be another download. Blocking public access is reversible; the data once copied is not.',
      do: [
        'Read the suggestion and the replayed changes.',
        'If the bucket is not yours (another account, a vendor), do not touch it: tell the owner.',
      ],
      options: [
        {
          id: 'block',
          label: 'Block public access',
          meaning: 'Turn on all four public access block settings on the bucket now.',
        },
        {
          id: 'already-closed',
          label: 'Already closed',
          meaning: 'The bucket is no longer public; go on to scope the exposure.',
        },
        {
          id: 'not-ours',
          label: 'Not our bucket',
          meaning: 'It belongs to someone else: report it to its owner and close this run.',
        },
      ],
      suggest: 'bucketStillPublic',
    },
    blockPublicAccess: {
      kind: 'action',
      phase: 'contain',
      title: 'Block public access on the bucket',
      why: 'With all four settings on, S3 ignores public ACLs and restricts public policies, whatever the bucket’s grants say. It affects every object in the bucket.',
      do: [
        'Review the exact call and what it breaks (public website hosting, anonymous downloads), then run it or run the command by hand and confirm.',
      ],
      action: 'block-public-access',
      params: { bucket: { fact: 'bucket' }, accountId: { fact: 'ownerAccountId' } },
    },
    tellOwner: {
      kind: 'instruction',
      phase: 'contain',
      title: 'Tell the bucket’s owner',
      why: 'You cannot contain someone else’s bucket; you can make sure they know and keep a record that you told them.',
      do: [
        'Find the owner (aws s3api get-bucket-acl shows the owner id if you can read it; otherwise the provider’s abuse or security contact).',
        'Send what you saw, with times, and keep a copy.',
      ],
      checklist: ['Owner or provider informed, with a record of what was sent'],
    },
    coverage: {
      kind: 'instruction',
      phase: 'scope',
      title: 'Get the logs that can see reads',
      why: 'CloudTrail management events show who changed the bucket, not who read it. Reads are only in S3 server access logs and CloudTrail data events, and either may be off or incomplete.',
      do: [
        'Ingest the server access logs for the whole window (their target bucket and prefix are in get-bucket-logging).',
        'Ingest CloudTrail data events for the bucket if a trail records them (or query them in CloudTrail Lake).',
        'Check the Coverage view for gaps in the window.',
      ],
      checklist: [
        'Server access logs for the window ingested, or confirmed absent',
        'Data events ingested, or confirmed absent',
      ],
    },
    exposure: {
      kind: 'evidence',
      phase: 'scope',
      title: 'When was it exposed, and who read it?',
      why: 'The window opens at the change that made the bucket public and closes at the first change that made it private; the reads inside it are the exposure counsel will ask about.',
      do: ['Run the bucket exposure analysis again on the complete evidence.'],
      analyses: [{ name: 'bucketExposure', params: { bucket: { fact: 'bucket' } } }],
      expects:
        'Windows with start, end and confidence; external reads, objects, bytes and addresses in each window; what the logs cannot show.',
    },
    accessed: {
      kind: 'decision',
      phase: 'scope',
      title: 'Was data read from outside?',
      why: 'A public bucket nobody read is a near miss; reads from outside make it a data breach if the objects hold personal data.',
      do: [
        'Read the external reads in the exposure finding: anonymous requesters, other accounts, addresses outside your ranges.',
        'Say what the evidence shows, and what it cannot.',
      ],
      options: [
        {
          id: 'external-reads',
          label: 'Read from outside',
          meaning: 'Successful reads by anonymous or external requesters during the window.',
        },
        {
          id: 'cannot-tell',
          label: 'Cannot tell',
          meaning: 'No log covers reads in the window: treat it as read until shown otherwise.',
        },
        {
          id: 'no-external-reads',
          label: 'No external reads',
          meaning: 'The logs cover the window and show no successful external read.',
        },
      ],
      suggest: 'bucketAccess',
    },
    whatWasRead: {
      kind: 'instruction',
      phase: 'scope',
      title: 'What was in the objects that were read',
      why: 'Who must be notified depends on what was read: the number of people, their residence and the kind of data.',
      do: [
        'List the objects read (the exposure finding has the first 500; query the case for all).',
        'Classify them with the data owner or Macie: personal, health, financial, credentials; count the records and people in them.',
        'Note how the objects were encrypted: SSE-S3 does not stop a public read; SSE-KMS does unless the key policy lets anyone decrypt.',
        'If personal data may be involved, tell counsel now and set the awareness time (Deadlines tab): the clocks run from here, not from the end of the investigation.',
        'Rotate any secret found in an exposed object.',
      ],
      checklist: [
        'Objects read are listed',
        'Their content, record counts and encryption are noted',
        'Counsel told if personal data may be involved',
        'Secrets found in them are rotated',
      ],
    },
    cause: {
      kind: 'decision',
      phase: 'scope',
      title: 'How did it become public?',
      why: 'A misconfiguration is fixed by configuration; a change made with stolen credentials means an intruder, and the credential must be contained too.',
      do: [
        'Look at who made the change that opened the window (the exposure finding names the event and principal).',
      ],
      options: [
        {
          id: 'misconfiguration',
          label: 'Misconfiguration',
          meaning: 'A person or pipeline of ours opened it by mistake.',
        },
        {
          id: 'compromised-credential',
          label: 'Stolen credential',
          meaning: 'The change was made with credentials someone else held.',
        },
      ],
      suggest: null,
    },
    credential: {
      kind: 'instruction',
      phase: 'scope',
      title: 'Contain the credential that opened it',
      why: 'The credential that made the bucket public can make it public again, or do worse.',
      do: [
        'Start the leaked access key runbook for the key in the event that opened the window (its accessKeyId is in the event).',
        'For a role session, revoke the role’s older sessions and find how the session was obtained.',
      ],
      checklist: ['The credential is contained in its own runbook run'],
    },
    personalData: {
      kind: 'input',
      phase: 'notify',
      title: 'Personal data in the bucket?',
      why: 'From the moment you know personal data was (or may have been) exposed, GDPR’s 72 hours and the other clocks run.',
      do: [
        'Decide with the data owner whether the objects hold personal or regulated data.',
        'If yes, record when you became aware.',
      ],
      fields: [
        {
          id: 'personalData',
          label: 'Personal or regulated data exposed?',
          kind: 'boolean',
          required: true,
        },
        {
          id: 'awareAt',
          label: 'Aware since (starts the notification clocks)',
          kind: 'instant',
          required: false,
          setsAwareness: true,
        },
      ],
    },
    legal: {
      kind: 'instruction',
      phase: 'notify',
      title: 'Counsel decides what to notify',
      why: 'The exposure window, the reads and what was in the objects are what counsel needs to decide each notification.',
      do: [
        'Share the case or an export with counsel and the privacy officer.',
        'Record each notify / not-notify decision with its rationale in the Deadlines tab.',
        'Put the logs under legal hold.',
      ],
      checklist: ['Counsel informed', 'Notification decisions recorded', 'Legal hold on the logs'],
    },
    eradicate: {
      kind: 'instruction',
      phase: 'recover',
      title: 'Remove what keeps the data flowing out',
      why: 'A blocked bucket can still copy its data elsewhere: replication rules, event notifications and added policy principals survive the public access block.',
      do: [
        'Remove public statements from the bucket policy and public grants from the ACL (then the block is a second line, not the only one).',
        'Check replication rules, event notifications (Lambda triggers) and lifecycle rules for changes made during the window.',
        'Check other buckets the same principal changed.',
      ],
      checklist: [
        'Policy and ACL cleaned',
        'Replication, notifications and lifecycle reviewed',
        'Other buckets checked',
      ],
    },
    harden: {
      kind: 'instruction',
      phase: 'recover',
      title: 'Make it hard to happen again',
      why: 'Account-level public access block and an SCP that forbids turning it off stop the next mistake at the source.',
      do: [
        'Audit every other bucket in the account: IAM Access Analyzer for S3 lists buckets shared publicly or with other accounts (or, per bucket: aws s3api get-public-access-block, get-bucket-policy-status, get-bucket-acl).',
        'Turn on the account-level public access block.',
        'Add an SCP denying s3:PutAccountPublicAccessBlock and s3:PutBucketPublicAccessBlock outside a break-glass role.',
        'Turn on data events for sensitive buckets and keep server access logs.',
      ],
      checklist: [
        'Every other bucket in the account audited',
        'Account-level block on',
        'SCP in place',
        'Data events and access logs on for sensitive buckets',
      ],
    },
    closed: {
      kind: 'final',
      phase: 'close',
      title: 'Closed',
      why: 'The run is complete; the case keeps every step, decision and finding.',
      do: ['Export the timeline for the record.'],
      summary:
        'Configuration preserved, public access blocked, exposure window and external reads established, notification decided, cause fixed.',
    },
  },
};
