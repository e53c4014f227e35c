// Host-level operations: what the host is, and its list of recent cases.
import { z } from 'zod';
import { AppInfoSchema, RecentCaseSchema } from '../domain';
import { CasePath, op } from './define';

export const appOps = {
  'app.info': op({
    summary: 'What this host is and what it can do',
    writes: false,
    input: z.object({}),
    output: AppInfoSchema,
  }),
  'app.recentCases': op({
    summary: 'Recently used case files, newest first',
    writes: false,
    input: z.object({}),
    output: z.object({ cases: z.array(RecentCaseSchema) }),
  }),
  'app.forgetCase': op({
    summary: 'Remove a case file from the recent list (the file itself is not touched)',
    writes: false,
    input: z.object({ path: CasePath }),
    output: z.object({ cases: z.array(RecentCaseSchema) }),
  }),
} as const;
