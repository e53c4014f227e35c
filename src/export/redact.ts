// Redaction for the legal export. Secrets must not leave the case in a document: CloudTrail logs
// session tokens in clear text (GetSessionToken / GetFederationToken responses), presigned S3
// requests carry X-Amz-Security-Token, and people paste passwords into notes. Three rules, applied
// to every string of the export:
//   1. values under secret-bearing keys (sessionToken, secretAccessKey, password, …) are replaced,
//      and each such value is learned so it is also removed wherever else it appears;
//   2. well-known secret shapes (AWS session tokens, key=value secrets, presigned-URL tokens);
//   3. strings the responder marked in the case.
// Hashes are never touched: they identify records and files, and reveal nothing.

/** Keys (compared lower-case, without - and _) whose values are secrets. */
const SECRET_KEYS = new Set([
  'sessiontoken',
  'secretaccesskey',
  'awssecretaccesskey',
  'awssessiontoken',
  'xamzsecuritytoken',
  'password',
  'newpassword',
  'oldpassword',
  'currentpassword',
  'passwd',
  'masteruserpassword',
  'privatekey',
  'secretstring',
  'secretbinary',
  'clientsecret',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authorization',
]);

/** Keys whose values are hashes or identifiers that must stay exact. */
const KEEP_KEY = /(sha256$|^hash$|^(id|eventId|entryId)$)/i;

const SESSION_TOKEN = /(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz|AQoDYXdz)[A-Za-z0-9/+=]{16,}/g;
const KEY_VALUE =
  /\b(aws_secret_access_key|aws_session_token|secret_access_key|secretaccesskey|sessiontoken|password|passwd|pwd)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&"']+)/gi;
const PRESIGNED_TOKEN = /(X-Amz-Security-Token=)[^&\s"'<>]+/gi;

export const REDACTION_RULES = [
  'values of secret-bearing fields (sessionToken, secretAccessKey, password, …) and every other occurrence of them',
  'AWS session tokens by their shape',
  'key=value secrets in text (password=…, aws_secret_access_key=…)',
  'X-Amz-Security-Token in presigned URLs',
  'strings marked for redaction in the case',
] as const;

const normalizeKey = (k: string): string => k.toLowerCase().replace(/[-_]/g, '');
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const label = (what: string): string => `[REDACTED:${what}]`;

export interface Redactor {
  /** Learns the secret values under secret-bearing keys of a record, before anything is redacted. */
  learn(value: unknown): void;
  text(s: string): string;
  /** A deep copy with every string redacted (hash-bearing fields kept). */
  deep<T>(value: T): T;
  /** How many replacements each rule made. */
  readonly counts: Record<'field' | 'learned' | 'shape' | 'marked', number>;
}

export function createRedactor(marks: readonly string[]): Redactor {
  const learned = new Set<string>();
  const counts = { field: 0, learned: 0, shape: 0, marked: 0 };
  let exact: RegExp | null = null;
  let markRe: RegExp | null = null;
  const sortedAlternation = (values: Iterable<string>): RegExp | null => {
    const list = [...values].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
    return list.length ? new RegExp(list.map(escapeRegExp).join('|'), 'g') : null;
  };
  markRe = sortedAlternation(marks);

  function learnFrom(value: unknown, key: string | null): void {
    if (typeof value === 'string') {
      if (key !== null && SECRET_KEYS.has(normalizeKey(key)) && value.length >= 8) {
        learned.add(value);
        exact = null;
      } else if (value.startsWith('{') && value.length < 1_000_000) {
        // LookupEvents carries the whole record as a JSON string (CloudTrailEvent).
        try {
          learnFrom(JSON.parse(value) as unknown, null);
        } catch {
          /* not JSON: nothing to learn */
        }
      }
      return;
    }
    if (Array.isArray(value)) for (const v of value) learnFrom(v, null);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) learnFrom(v, k);
  }

  function text(s: string): string {
    exact ??= sortedAlternation(learned);
    let out = s;
    if (exact)
      out = out.replace(exact, () => {
        counts.learned++;
        return label('secret');
      });
    if (markRe)
      out = out.replace(markRe, () => {
        counts.marked++;
        return label('marked');
      });
    out = out.replace(SESSION_TOKEN, () => {
      counts.shape++;
      return label('sessionToken');
    });
    out = out.replace(PRESIGNED_TOKEN, (_m, k: string) => {
      counts.shape++;
      return `${k}${label('token')}`;
    });
    out = out.replace(KEY_VALUE, (_m, k: string, sep: string) => {
      counts.shape++;
      return `${k}${sep}${label(k)}`;
    });
    return out;
  }

  function deep(value: unknown, key: string | null): unknown {
    if (typeof value === 'string') {
      if (key !== null && KEEP_KEY.test(key)) return value;
      if (key !== null && SECRET_KEYS.has(normalizeKey(key))) {
        counts.field++;
        return label(key);
      }
      return text(value);
    }
    if (Array.isArray(value)) return value.map((v) => deep(v, null));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (SECRET_KEYS.has(normalizeKey(k)) && v !== null && typeof v === 'object') {
          counts.field++;
          out[k] = label(k);
        } else out[k] = deep(v, k);
      }
      return out;
    }
    return value;
  }

  return {
    learn: (v) => learnFrom(v, null),
    text,
    deep: <T>(v: T): T => deep(v, null) as T,
    counts,
  };
}

/** The identity redactor for an explicitly unredacted export. */
export function noRedaction(): Redactor {
  return {
    learn: () => undefined,
    text: (s) => s,
    deep: <T>(v: T): T => v,
    counts: { field: 0, learned: 0, shape: 0, marked: 0 },
  };
}
