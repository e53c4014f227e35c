// The executive summary says which notifications are due, and says plainly when none were assessed.
import { describe, expect, it } from 'vitest';
import { NO_NOTIFICATION_ASSESSMENT, notificationsFrom } from '../../../src/export/summary';
import { cli } from '../../helpers/cli';

describe('notifications in the summary', () => {
  it('degrades to a plain statement when no assessment exists', () => {
    expect(notificationsFrom(undefined)).toEqual({
      state: 'none',
      note: NO_NOTIFICATION_ASSESSMENT,
    });
    expect(notificationsFrom({ obligations: [] })).toEqual({
      state: 'none',
      note: 'No notification assessment recorded in this case.',
    });
  });

  it('lists the obligations that apply, due first, and counts the ones still open', () => {
    const n = notificationsFrom({
      obligations: [
        {
          rule: { title: 'GDPR Art. 33 notice', notify: [{ name: 'Lead supervisory authority' }] },
          applicability: 'applicable',
          status: 'due_soon',
          clock: { due: { iso: '2026-03-30T23:30:00.000Z' }, explanation: '72 h from awareness' },
          notice: null,
        },
        {
          rule: { title: 'State AG notice', notify: [{ name: 'Attorney General' }] },
          applicability: 'applicable',
          status: 'met',
          clock: { due: { iso: '2026-03-29T10:00:00.000Z' }, explanation: '' },
          notice: { at: '2026-03-29T09:00:00.000Z' },
        },
        { rule: { title: 'HIPAA' }, applicability: 'needs_answer', status: 'needs_answer' },
        { rule: { title: 'PIPEDA' }, applicability: 'not_applicable', status: 'not_applicable' },
      ],
      questions: [{ question: 'Is the organisation a HIPAA covered entity?' }],
      disclaimer: 'Research, not legal advice: confirm with counsel.',
    });
    expect(n).toEqual({
      state: 'assessed',
      items: [
        {
          obligation: 'State AG notice',
          recipient: 'Attorney General',
          due: '2026-03-29T10:00:00.000Z',
          status: 'met',
          notifiedAt: '2026-03-29T09:00:00.000Z',
          basis: '',
        },
        {
          obligation: 'GDPR Art. 33 notice',
          recipient: 'Lead supervisory authority',
          due: '2026-03-30T23:30:00.000Z',
          status: 'due_soon',
          notifiedAt: null,
          basis: '72 h from awareness',
        },
      ],
      pending: { rules: 1, questions: ['Is the organisation a HIPAA covered entity?'] },
      notApplicable: 1,
      note: 'From the case’s notification assessment (cairn deadlines). Research, not legal advice: confirm with counsel.',
    });
  });

  it('refuses contradictory redaction flags before doing anything', async () => {
    const r = await cli([
      'export',
      'x.cairn',
      '--format',
      'pdf',
      '--out',
      'x.pdf',
      '--redact',
      '--no-redact',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--redact and --no-redact contradict each other');
  });
});
