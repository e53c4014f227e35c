// Every runbook Cairn ships, by id and version. A case keeps the version its run started with,
// so older versions stay listed here once they have shipped.
import type { RunbookInfo } from '../src/shared/runbook';
import type { RunbookMachine } from '../src/shared/runbook-machine';
import { leakedAccessKey, leakedAccessKeyMachine } from './leaked-access-key';
import { publicBucket, publicBucketMachine } from './public-bucket';
import { suspiciousEnumeration, suspiciousEnumerationMachine } from './suspicious-enumeration';

export interface ShippedRunbook {
  info: RunbookInfo;
  machine: RunbookMachine;
}

export const RUNBOOKS: readonly ShippedRunbook[] = [
  { info: leakedAccessKey, machine: leakedAccessKeyMachine },
  { info: publicBucket, machine: publicBucketMachine },
  { info: suspiciousEnumeration, machine: suspiciousEnumerationMachine },
];
