// Runbook: a principal listed and described its way across the account (GuardDuty Discovery or
// Recon findings, a burst of AccessDenied). There is no AWS playbook for this: decide from the
// sessions whether it is a scanner, someone probing a stolen credential, or recon that already
// turned into writes — and hand the credential to the leaked-key runbook or revoke the role's
// sessions.
import type { RunbookInfo } from '../src/shared/runbook';
import {
  actionStep,
  initialContext,
  option,
  runbookSetup,
  skipTo as skip,
} from '../src/shared/runbook-machine';

export const suspiciousEnumerationMachine = runbookSetup.createMachine({
  id: 'en',
  context: ({ input }) => initialContext(input.facts),
  initial: 'investigate',
  states: {
    investigate: {
      initial: 'intake',
      states: {
        intake: { on: { INPUT: { target: 'profile', actions: 'recordInput' } } },
        profile: { on: { COMPLETE: 'sessions', ...skip('sessions') } },
        sessions: {
          on: { EVIDENCE: { target: 'classify', actions: 'recordEvidence' }, ...skip('classify') },
        },
        classify: {
          on: {
            DECIDE: [
              option('classify', 'active-compromise', '#en.contain'),
              option('classify', 'recon-only', '#en.contain'),
              option('classify', 'benign', 'benignClose'),
            ],
          },
        },
        benignClose: { on: { COMPLETE: '#en.closed', ...skip('#en.closed') } },
      },
    },
    contain: {
      initial: 'credential',
      states: {
        credential: {
          on: {
            DECIDE: [
              option('credential', 'user-key', '#en.handover'),
              option('credential', 'role-session', 'revokeRole'),
            ],
          },
        },
        revokeRole: { on: actionStep('revokeRole', 'roleOrigin') },
        roleOrigin: { on: { COMPLETE: '#en.notify', ...skip('#en.notify') } },
      },
    },
    notify: {
      initial: 'personalData',
      states: {
        personalData: { on: { INPUT: { target: 'persistence', actions: 'recordInput' } } },
        persistence: { on: { COMPLETE: '#en.closed', ...skip('#en.closed') } },
      },
    },
    handover: { type: 'final' },
    closed: { type: 'final' },
  },
});

export const suspiciousEnumeration: RunbookInfo = {
  id: 'suspicious-enumeration',
  version: '1.0.0',
  title: 'Suspicious enumeration',
  summary:
    'Someone listed and described their way across the account. Decide from the sessions whether it is a scanner, probing with a stolen credential, or recon that turned into writes, and contain the credential.',
  startFacts: [
    {
      id: 'principalArn',
      label: 'Principal ARN (from the finding), if known',
      kind: 'text',
      required: false,
    },
    { id: 'accessKeyId', label: 'Access key ID, if known', kind: 'text', required: false },
  ],
  steps: {
    intake: {
      kind: 'input',
      phase: 'investigate',
      title: 'Who, according to the alert',
      why: 'A principal or key narrows the analysis to its sessions; with neither, Cairn looks at every principal in the evidence.',
      do: [
        'Take the principal and key from the finding (GuardDuty Discovery:IAMUser/AnomalousBehavior, Recon:IAMUser/*, an AccessDenied alert).',
        'Note the finding and its time.',
      ],
      fields: [
        { id: 'principalArn', label: 'Principal ARN', kind: 'text', required: false },
        { id: 'accessKeyId', label: 'Access key ID', kind: 'text', required: false },
        { id: 'trigger', label: 'The alert (name, time)', kind: 'text', required: false },
      ],
    },
    profile: {
      kind: 'instruction',
      phase: 'investigate',
      title: 'Is this someone we know?',
      why: 'Security scanners, CSPM tools and infrastructure-as-code plans enumerate all day. Their user agent, source and principal usually give them away.',
      do: [
        'Look at the user agent and source addresses of the principal’s calls (Evidence tab): a scanner’s agent, an office or CI address?',
        'An instance role (ARN ends in /i-…) calling from outside AWS means the instance credentials were taken.',
        'Ask the principal’s owner only if the actor is presumed to be one of yours.',
      ],
      checklist: ['User agent and source addresses reviewed', 'Owner of the principal identified'],
    },
    sessions: {
      kind: 'evidence',
      phase: 'investigate',
      title: 'Recon sessions, denials, and the first write',
      why: 'A burst of List/Describe/Get across services, denied calls from probing a credential’s permissions, and the first successful write after it (CreateUser, AttachUserPolicy, CreateAccessKey …) tell recon from compromise.',
      do: ['Run the enumeration analysis for the principal or key (or for everyone).'],
      analyses: [
        {
          name: 'enumeration',
          params: { accessKeyId: { fact: 'accessKeyId' }, principalArn: { fact: 'principalArn' } },
        },
      ],
      expects:
        'Sessions per principal, key and address with their class, and the inflection point if recon turned into writes.',
    },
    classify: {
      kind: 'decision',
      phase: 'investigate',
      title: 'Scanner, probing, or compromise?',
      why: 'Everything after this depends on it: a known scanner is closed with a rationale, anything else is a credential in the wrong hands.',
      do: ['Read the sessions and the suggestion.', 'Choose, and record your rationale.'],
      options: [
        {
          id: 'active-compromise',
          label: 'Active compromise',
          meaning:
            'Recon followed by successful writes: contain the credential and hunt persistence.',
        },
        {
          id: 'recon-only',
          label: 'Recon or probing by someone else',
          meaning:
            'No successful write yet, but the actor is not one of ours: contain the credential.',
        },
        {
          id: 'benign',
          label: 'Known and benign',
          meaning: 'A scanner, tool or person of ours doing their job.',
        },
      ],
      suggest: 'enumerationVerdict',
    },
    benignClose: {
      kind: 'instruction',
      phase: 'investigate',
      title: 'Close, and stop it alerting again',
      why: 'A false positive that keeps firing trains people to ignore the alert.',
      do: [
        'Record who the actor is in the rationale above.',
        'Add a suppression for this principal and user agent in the detector, scoped as narrowly as possible.',
      ],
      checklist: ['Suppression added, or the alert tuned'],
    },
    credential: {
      kind: 'decision',
      phase: 'contain',
      title: 'Which credential to contain?',
      why: 'An IAM user key is deactivated (the leaked-key runbook); a role session cannot be: its role’s older sessions are revoked.',
      do: [
        'Look at the access keys in the flagged sessions: AKIA… is a user key, ASIA… a session.',
      ],
      options: [
        {
          id: 'user-key',
          label: 'IAM user key',
          meaning: 'Hand over to the leaked access key runbook with the key.',
        },
        {
          id: 'role-session',
          label: 'Role session',
          meaning: 'Revoke the role’s sessions issued before now.',
        },
      ],
      suggest: 'credentialKind',
    },
    revokeRole: {
      kind: 'action',
      phase: 'contain',
      title: 'Revoke the role’s older sessions',
      why: 'Denies every session of the role issued before now; new sessions (after the cause is fixed) keep working.',
      do: ['Review the policy and the role, then attach it.'],
      action: 'revoke-older-sessions',
      params: {
        principal: { value: 'role' },
        name: { finding: 'enumeration', field: 'roleName' },
        issuedBefore: { fact: 'now' },
      },
    },
    roleOrigin: {
      kind: 'instruction',
      phase: 'contain',
      title: 'How did they get the role?',
      why: 'Revoking sessions does not stop whoever can assume the role again: an instance’s metadata, a trust policy, a leaked user key upstream.',
      do: [
        'Find the AssumeRole that created the sessions (the session issuer in the events) and who called it.',
        'For instance roles: isolate the instance, require IMDSv2, and look for the way in (SSRF, exposed service).',
        'Tighten the role’s trust policy if it allowed more than it should.',
      ],
      checklist: ['Origin of the sessions found', 'The way in is closed'],
    },
    handover: {
      kind: 'final',
      phase: 'contain',
      title: 'Continue as a leaked access key',
      why: 'The actor holds an IAM user key: the leaked-key runbook deactivates it, follows what it created and decides how far it went.',
      do: ['Start the leaked access key runbook with the key.'],
      summary:
        'Enumeration by an IAM user key not in the owner’s hands: continued in the leaked access key runbook.',
      handover: {
        runbook: 'leaked-access-key',
        facts: { accessKeyId: { finding: 'enumeration', field: 'userKey' } },
      },
    },
    personalData: {
      kind: 'input',
      phase: 'notify',
      title: 'Could personal data be involved?',
      why: 'If the credential could read personal data, the notification clocks start at awareness.',
      do: [
        'Decide with the data owner whether the principal could reach personal or regulated data.',
      ],
      fields: [
        {
          id: 'personalData',
          label: 'Personal or regulated data reachable?',
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
    persistence: {
      kind: 'instruction',
      phase: 'notify',
      title: 'Hunt what they left',
      why: 'Recon is done to find a way to stay: users, keys, roles and policies created after the recon are the attacker’s.',
      do: [
        'Search the case for CreateUser, CreateAccessKey, CreateLoginProfile, AttachUserPolicy, PutRolePolicy, UpdateAssumeRolePolicy after the recon.',
        'Treat each new credential as a new pivot.',
      ],
      checklist: ['Writes after the recon reviewed', 'New credentials contained'],
    },
    closed: {
      kind: 'final',
      phase: 'close',
      title: 'Closed',
      why: 'The run is complete; the case keeps every step, decision and finding.',
      do: ['Export the timeline for the record.'],
      summary: 'Enumeration classified, the credential contained where needed, persistence hunted.',
    },
  },
};
