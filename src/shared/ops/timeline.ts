// Timeline operations: notes, the unified view, pinning and unpinning evidence, annotating and
// correcting entries. Every change is a new audited row; nothing is edited in place.
import { z } from 'zod';
import { TimelineEntrySchema } from '../domain';
import { UnifiedEntrySchema } from '../timeline';
import { CasePath, IsoWithZone, op } from './define';

const EntryId = z.number().int().positive('id: give a timeline entry number');
const Reason = z
  .string({ error: 'reason: say why (it is kept in the audit log)' })
  .trim()
  .min(1, 'reason: say why (it is kept in the audit log)')
  .max(4000);

export const timelineOps = {
  'timeline.note': op({
    summary: 'Add a note to the case timeline (audited)',
    writes: true,
    input: z.object({
      path: CasePath,
      text: z.string().trim().min(1, 'text: the note is empty').max(20000),
      at: IsoWithZone.optional(),
    }),
    output: TimelineEntrySchema,
  }),
  'timeline.list': op({
    summary: 'List the case timeline in event-time order',
    writes: false,
    input: z.object({ path: CasePath, includeSuperseded: z.boolean().default(false) }),
    output: z.object({ entries: z.array(TimelineEntrySchema) }),
  }),
  'timeline.unified': op({
    summary:
      'The unified timeline: pinned evidence, finding highlights, decisions, actions, notifications and notes, with each record’s provenance',
    writes: false,
    input: z.object({
      path: CasePath,
      includeHistory: z.boolean().default(false),
      from: IsoWithZone.optional(),
      to: IsoWithZone.optional(),
      /** Re-read the kept files to give each evidence record's sha256 (slower). */
      hashEvidence: z.boolean().default(false),
    }),
    output: z.object({ entries: z.array(UnifiedEntrySchema) }),
  }),
  'timeline.pin': op({
    summary:
      'Pin a CloudTrail event (by eventID) or an S3 access log line (by row id) to the timeline',
    writes: true,
    input: z.object({
      path: CasePath,
      type: z.enum(['event', 's3_access']).default('event'),
      id: z.string().trim().min(1, 'id: give the eventID (or S3 access row id) to pin'),
      comment: z.string().trim().max(4000).optional(),
    }),
    output: TimelineEntrySchema,
  }),
  'timeline.unpin': op({
    summary: 'Unpin evidence: a new audited entry withdraws the pin, with the reason',
    writes: true,
    input: z.object({ path: CasePath, id: EntryId, reason: Reason }),
    output: TimelineEntrySchema,
  }),
  'timeline.annotate': op({
    summary: 'Add a note about a timeline entry (placed at that entry’s time)',
    writes: true,
    input: z.object({
      path: CasePath,
      id: EntryId,
      text: z.string().trim().min(1, 'text: the note is empty').max(20000),
    }),
    output: TimelineEntrySchema,
  }),
  'timeline.correct': op({
    summary: 'Correct an entry’s text or time: a new audited entry supersedes it, with the reason',
    writes: true,
    input: z.object({
      path: CasePath,
      id: EntryId,
      text: z.string().trim().min(1).max(20000).optional(),
      at: IsoWithZone.optional(),
      reason: Reason,
    }),
    output: TimelineEntrySchema,
  }),
} as const;
