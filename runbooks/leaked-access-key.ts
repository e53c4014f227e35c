// Runbook: an IAM user's access key was exposed (public repo, paste, laptop, phishing).
// Revoke first and investigate after: deactivate the key (do not delete it — keep searching for it
// in CloudTrail), then follow every credential it created, because sessions from GetSessionToken
// or GetFederationToken outlive the key. Branch to account compromise when the attacker wrote.
import type { RunbookInfo } from '../src/shared/runbook';
import {
  actionStep,
  initialContext,
  option,
  runbookSetup,
  skipTo as skip,
} from '../src/shared/runbook-machine';

export const leakedAccessKeyMachine = runbookSetup.createMachine({
  id: 'lk',
  context: ({ input }) => initialContext(input.facts),
  initial: 'contain',
  states: {
    contain: {
      initial: 'intake',
      states: {
        intake: { on: { INPUT: { target: 'verifyOwnership', actions: 'recordInput' } } },
        verifyOwnership: { on: { COMPLETE: 'deactivate', ...skip('deactivate') } },
        deactivate: { on: actionStep('deactivate', '#lk.scope') },
      },
    },
    scope: {
      initial: 'keyActivity',
      states: {
        keyActivity: {
          on: { EVIDENCE: { target: 'sessions', actions: 'recordEvidence' }, ...skip('sessions') },
        },
        sessions: {
          on: {
            DECIDE: [
              option('sessions', 'revoke', 'revokeSessions'),
              option('sessions', 'none', 'watch'),
            ],
          },
        },
        revokeSessions: { on: actionStep('revokeSessions', 'watch') },
        watch: {
          entry: { type: 'startTimer', params: { step: 'watch', minutes: 30 } },
          on: {
            TIMER: {
              target: '#lk.investigate',
              guard: { type: 'timerElapsed', params: { step: 'watch' } },
            },
            ...skip('#lk.investigate'),
          },
        },
      },
    },
    investigate: {
      initial: 'enumeration',
      states: {
        enumeration: {
          on: {
            EVIDENCE: { target: 'compromise', actions: 'recordEvidence' },
            ...skip('compromise'),
          },
        },
        compromise: {
          on: {
            DECIDE: [
              option('compromise', 'active-compromise', 'removePersistence'),
              option('compromise', 'used-read-only', '#lk.notify'),
              option('compromise', 'exposed-not-used', '#lk.notify'),
            ],
          },
        },
        removePersistence: { on: { COMPLETE: '#lk.notify', ...skip('#lk.notify') } },
      },
    },
    notify: {
      initial: 'personalData',
      states: {
        personalData: { on: { INPUT: { target: 'legal', actions: 'recordInput' } } },
        legal: { on: { COMPLETE: '#lk.recover', ...skip('#lk.recover') } },
      },
    },
    recover: {
      initial: 'rootCause',
      states: {
        rootCause: { on: { COMPLETE: 'rotate', ...skip('rotate') } },
        rotate: { on: { COMPLETE: '#lk.closed', ...skip('#lk.closed') } },
      },
    },
    closed: { type: 'final' },
  },
});

export const leakedAccessKey: RunbookInfo = {
  id: 'leaked-access-key',
  version: '1.0.0',
  title: 'Leaked access key',
  summary:
    'An IAM access key was exposed. Deactivate it now, then find everything it did and every credential it created, decide whether the account is compromised, and fix the cause.',
  startFacts: [
    { id: 'accessKeyId', label: 'Access key ID (AKIA…)', kind: 'text', required: true },
    {
      id: 'exposedAt',
      label: 'When was it exposed (pushed, pasted, sent)?',
      kind: 'instant',
      required: false,
      help: 'The exposure window starts here; leave empty if unknown (the first use counts then).',
    },
  ],
  steps: {
    intake: {
      kind: 'input',
      phase: 'contain',
      title: 'What leaked, and since when',
      why: 'The key ID is the pivot for everything that follows; the exposure time opens the window the investigation must cover.',
      do: [
        'Take the key ID from the alert (GitHub/GitLab secret scanning, AWS Health "exposed credentials" email, a researcher).',
        'Note where it was exposed and since when.',
      ],
      fields: [
        { id: 'accessKeyId', label: 'Access key ID', kind: 'text', required: true },
        {
          id: 'exposedAt',
          label: 'Exposed since (ISO time with zone)',
          kind: 'instant',
          required: false,
        },
        {
          id: 'exposedWhere',
          label: 'Where (repo URL, paste, ticket)',
          kind: 'text',
          required: false,
        },
      ],
    },
    verifyOwnership: {
      kind: 'instruction',
      phase: 'contain',
      title: 'Confirm the key is yours',
      why: 'A key from another account is reported, not revoked; a key AWS already quarantined tells you AWS saw it exposed.',
      do: [
        'Run: aws sts get-access-key-info --access-key-id {accessKeyId} — it names the account the key belongs to.',
        'If it is not one of your accounts, report it to AWS Trust & Safety and close this run with that reason.',
        'Check whether AWSCompromisedKeyQuarantineV2 is attached to the key’s user: AWS quarantines keys it finds exposed.',
      ],
      checklist: ['The key belongs to one of our accounts', 'Owner (user) of the key identified'],
    },
    deactivate: {
      kind: 'action',
      phase: 'contain',
      title: 'Deactivate the key now',
      why: 'Time matters more than certainty here: an exposed key is used within minutes. Deactivate, do not delete, so the key stays searchable and can be reactivated if an application breaks.',
      do: [
        'Review the exact call below, then run it (or run the command by hand and confirm).',
        'Note what breaks: that is the key’s legitimate use.',
      ],
      action: 'deactivate-access-key',
      params: { accessKeyId: { fact: 'accessKeyId' } },
    },
    keyActivity: {
      kind: 'evidence',
      phase: 'scope',
      title: 'Everything the key did, and what it created',
      why: 'Filtering CloudTrail on the leaked AKIA… key alone misses what the attacker did with session credentials it created (GetSessionToken, GetFederationToken, AssumeRole) and with keys or users it made.',
      do: [
        'Run the key activity analysis over the ingested CloudTrail; ingest more logs if the window is not covered.',
      ],
      analyses: [
        {
          name: 'keyActivity',
          params: { accessKeyId: { fact: 'accessKeyId' }, exposedAt: { fact: 'exposedAt' } },
        },
      ],
      expects:
        'First and last use, source IPs and their class, writes, errors, derived credentials and the exposure window.',
    },
    sessions: {
      kind: 'decision',
      phase: 'scope',
      title: 'Revoke the sessions the key created?',
      why: 'Session credentials stay valid after the key is deactivated, until they expire (up to 36 hours). Only a deny on aws:TokenIssueTime ends them.',
      do: ['Look at the derived credentials found.', 'Choose, and say why.'],
      options: [
        {
          id: 'revoke',
          label: 'Revoke older sessions',
          meaning:
            'Attach AWSRevokeOlderSessions to the key’s user: deny everything for tokens issued before now.',
        },
        {
          id: 'none',
          label: 'No sessions to revoke',
          meaning: 'The key created no session credentials that are still valid.',
        },
      ],
      suggest: 'sessionsToRevoke',
    },
    revokeSessions: {
      kind: 'action',
      phase: 'scope',
      title: 'Revoke sessions issued before now',
      why: 'Ends every session derived from the leaked key without touching new, legitimate sessions.',
      do: ['Review the policy, then attach it to the user.'],
      action: 'revoke-older-sessions',
      params: {
        principal: { value: 'user' },
        name: { finding: 'keyActivity', field: 'userName' },
        issuedBefore: { fact: 'now' },
      },
    },
    watch: {
      kind: 'timer',
      phase: 'scope',
      title: 'Watch for the key for 30 minutes',
      why: 'Failed calls with the deactivated key show the attacker is still trying, and from where; calls that succeed mean containment did not take.',
      do: [
        'Ingest (or look up) CloudTrail again after 30 minutes and search for the key and its sessions.',
      ],
      minutes: 30,
      recheck: 'Re-run key activity: any call after the deactivation should have failed.',
    },
    enumeration: {
      kind: 'evidence',
      phase: 'investigate',
      title: 'Recon, then writes?',
      why: 'Attackers list and describe before they act; the first successful write after recon (CreateUser, AttachUserPolicy, CreateAccessKey …) marks the inflection to active compromise.',
      do: ['Run the enumeration analysis for the key.'],
      analyses: [{ name: 'enumeration', params: { accessKeyId: { fact: 'accessKeyId' } } }],
      expects: 'Recon and probing sessions, denied calls, and the inflection point if any.',
    },
    compromise: {
      kind: 'decision',
      phase: 'investigate',
      title: 'How far did it go?',
      why: 'An attacker who wrote (created users, keys, policies) may have persistence: the account is compromised and needs eradication, not only a revoked key.',
      do: ['Read the suggestion and the evidence behind it.', 'Choose, and record your rationale.'],
      options: [
        {
          id: 'active-compromise',
          label: 'Active compromise',
          meaning: 'Writes by the attacker: remove persistence across the account.',
        },
        {
          id: 'used-read-only',
          label: 'Used, read-only',
          meaning: 'The key was used by someone else, for reads only.',
        },
        {
          id: 'exposed-not-used',
          label: 'Exposed, not used',
          meaning: 'No use of the key by anyone but its owner.',
        },
      ],
      suggest: 'compromiseLevel',
    },
    removePersistence: {
      kind: 'instruction',
      phase: 'investigate',
      title: 'Remove what the attacker left',
      why: 'Users, keys, login profiles, policies and trust relationships the attacker created keep the door open after the key is gone.',
      do: [
        'For each user, key and login profile the key created (see key activity): deactivate keys, delete login profiles, detach policies, then delete.',
        'Review roles whose trust policies changed, and policies attached during the window.',
        'Repeat key activity for every credential the attacker created: they are new pivots.',
      ],
      checklist: [
        'Created users and keys removed',
        'Attached policies and trust-policy changes reverted',
        'Derived credentials investigated as pivots',
      ],
    },
    personalData: {
      kind: 'input',
      phase: 'notify',
      title: 'Could personal data be involved?',
      why: 'If the key could reach personal data, the organisation is now aware of a possible breach: GDPR’s 72 hours and the other clocks start at awareness, not at confirmation.',
      do: [
        'Decide with the data owner whether the key could read personal or regulated data.',
        'If yes, record when you became aware.',
      ],
      fields: [
        {
          id: 'personalData',
          label: 'Personal or regulated data reachable by the key?',
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
      title: 'Tell counsel and the privacy officer',
      why: 'Counsel decides what to notify; they need the exposure window, what was reachable and the clocks that run.',
      do: [
        'Share the case (or an export) with counsel and the privacy officer.',
        'Review the Deadlines tab together and record each notify / not-notify decision with its rationale.',
      ],
      checklist: ['Counsel informed', 'Notification decisions recorded'],
    },
    rootCause: {
      kind: 'instruction',
      phase: 'recover',
      title: 'Fix how the key leaked',
      why: 'Framed as a fix to the system, not blame for a person: long-lived keys in code are an easy mistake that tooling should stop.',
      do: [
        'Move the application to roles or a secrets manager instead of long-lived keys.',
        'Turn on secret scanning in CI and a pre-commit hook in the repository.',
        'Purge the key from the repository history only after it is deactivated (it is already public).',
      ],
      checklist: ['Cause understood with the key’s owner', 'Secret scanning in CI and pre-commit'],
    },
    rotate: {
      kind: 'instruction',
      phase: 'recover',
      title: 'Restore service safely',
      why: 'New credentials only after the cause is fixed; remove temporary deny policies when the sessions they target have expired.',
      do: [
        'Issue new credentials to the application the right way.',
        'Delete the old key once nothing needs it for the investigation.',
        'Remove AWSRevokeOlderSessions after 36 hours.',
      ],
      checklist: [
        'Service restored with new credentials',
        'Old key deleted',
        'Temporary deny policies removed',
      ],
    },
    closed: {
      kind: 'final',
      phase: 'close',
      title: 'Closed',
      why: 'The run is complete; the case keeps every step, decision and finding.',
      do: ['Export the timeline for the record.'],
      summary:
        'Key deactivated, its use and lineage investigated, persistence removed where found, notification decided, cause fixed.',
    },
  },
};
