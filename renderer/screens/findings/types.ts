// The shapes of the key activity and enumeration results as the Findings tab reads them. The
// engine's own types live in src/analysis, which the renderer may not import; these schemas
// mirror the fields shown, and a finding recorded by an older Cairn that lacks them is shown as
// its title and raw result instead of breaking the screen.
import { z } from 'zod';

const EventRefSchema = z.object({
  eventId: z.string(),
  eventName: z.string(),
  eventTime: z.string(),
  principalArn: z.string().nullable(),
  accessKeyId: z.string().nullable(),
  sourceIp: z.string().nullable(),
});
export type EventRefView = z.infer<typeof EventRefSchema>;

const HighlightSchema = z.object({ at: z.string(), text: z.string() });

const DerivedSchema = z.object({
  accessKeyId: z.string(),
  kind: z.enum(['access-key', 'session', 'federated-session', 'assumed-role-session']),
  derivedFrom: z.string(),
  createdBy: EventRefSchema.nullable(),
  principal: z.string().nullable(),
  expiration: z.string().nullable(),
  calls: z.number(),
  firstUse: z.string().nullable(),
  lastUse: z.string().nullable(),
});
export type DerivedView = z.infer<typeof DerivedSchema>;

const CreatedSchema = z.object({
  kind: z.enum(['user', 'login-profile', 'role']),
  name: z.string(),
  by: EventRefSchema,
});
export type CreatedView = z.infer<typeof CreatedSchema>;

const KeyEventSchema = EventRefSchema.extend({
  errorCode: z.string().nullable(),
  readOnly: z.boolean().nullable(),
  awsRegion: z.string().nullable(),
});
export type KeyEventView = z.infer<typeof KeyEventSchema>;

export const KeyActivitySchema = z.object({
  accessKeyId: z.string(),
  found: z.boolean(),
  message: z.string().nullable(),
  principals: z.array(z.string()),
  calls: z.number(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  deactivatedAt: z.string().nullable(),
  deactivatedBy: EventRefSchema.nullable(),
  window: z.object({ start: z.string().nullable(), end: z.string().nullable(), basis: z.string() }),
  byIp: z.array(
    z.object({
      ip: z.string(),
      class: z.string(),
      calls: z.number(),
      first: z.string(),
      last: z.string(),
    }),
  ),
  byRegion: z.array(z.object({ region: z.string(), calls: z.number() })),
  byService: z.array(z.object({ service: z.string(), calls: z.number() })),
  userAgents: z.array(z.object({ userAgent: z.string(), calls: z.number() })),
  writes: z.array(EventRefSchema.extend({ errorCode: z.string().nullable() })),
  errors: z.array(z.object({ errorCode: z.string(), calls: z.number() })),
  derivedCredentials: z.array(DerivedSchema),
  createdPrincipals: z.array(CreatedSchema),
  events: z.array(KeyEventSchema),
  eventsTruncated: z.boolean(),
  highlights: z.array(HighlightSchema),
  caveats: z.array(z.string()),
});
export type KeyActivityView = z.infer<typeof KeyActivitySchema>;

export const SESSION_CLASSES = ['active-compromise', 'probing', 'recon', 'routine'] as const;

const SessionSchema = z.object({
  principalArn: z.string().nullable(),
  accessKeyId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  ipClass: z.string(),
  start: z.string(),
  end: z.string(),
  calls: z.number(),
  distinctApis: z.number(),
  services: z.number(),
  denied: z.number(),
  deniedRatio: z.number(),
  classification: z.enum(SESSION_CLASSES),
  topApis: z.array(z.object({ api: z.string(), calls: z.number(), denied: z.number() })),
  firstWrite: EventRefSchema.extend({ errorCode: z.string().nullable() }).nullable(),
});
export type SessionView = z.infer<typeof SessionSchema>;

export const EnumerationSchema = z.object({
  scope: z.string(),
  verdict: z.enum(['active-compromise', 'probing', 'recon', 'nothing-suspicious', 'no-data']),
  suggestion: z.string(),
  sessions: z.array(SessionSchema),
  inflectionPoint: EventRefSchema.extend({ session: z.number() }).nullable(),
  thresholds: z.object({
    sessionGapMinutes: z.number(),
    minDistinctApis: z.number(),
    minServices: z.number(),
    minDenied: z.number(),
  }),
  highlights: z.array(HighlightSchema),
  caveats: z.array(z.string()),
});
export type EnumerationView = z.infer<typeof EnumerationSchema>;
