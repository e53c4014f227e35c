// The data bundled with Cairn, decoded lazily on first use (and then kept): the AWS ranges
// snapshot and the Tor exit list. They are JSON modules rather than files read at run time so
// they travel inside every host's bundle (Electron's esbuild bundle, the CLI, the web host).
// Provenance and refresh steps: data/README.md.

import { CairnError } from '../../shared/errors';
import awsSnapshot from './data/aws-ip-ranges.snapshot.json';
import torSnapshot from './data/tor-exit-nodes.snapshot.json';
import type { AwsIpRanges } from './aws-ranges';
import { awsSnapshotSchema, expandAwsSnapshot } from './aws-ranges';
import type { TorExitList } from './tor-list';
import { parseTorExitList, torSnapshotSchema } from './tor-list';

let aws: AwsIpRanges | undefined;
let tor: TorExitList | undefined;

/** AWS ip-ranges.json as bundled (createDate 2026-08-22-15-17-05, syncToken 1787411825). */
export function bundledAwsIpRanges(): AwsIpRanges {
  aws ??= expandAwsSnapshot(awsSnapshotSchema.parse(awsSnapshot));
  return aws;
}

/** Tor exit addresses as bundled (fetched 2024-02-27). */
export function bundledTorExitList(): TorExitList {
  if (tor !== undefined) return tor;
  const snapshot = torSnapshotSchema.parse(torSnapshot);
  const { list, errors } = parseTorExitList(snapshot.addresses.join('\n'), {
    date: snapshot.date,
    source: snapshot.source,
  });
  // The snapshot is generated and tested; a bad line here is a packaging bug, not user input.
  const first = errors[0];
  if (first !== undefined) {
    throw new CairnError('INTERNAL', `bundled Tor list: line ${first.line}: ${first.reason}`);
  }
  tor = list;
  return list;
}
