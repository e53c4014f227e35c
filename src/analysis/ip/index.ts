// IP classification for Cairn: where did a call come from? The case's own ranges, an imported
// threat list, a Tor exit, an AWS service acting for someone, AWS's address space, private
// space, or the public internet.
//
//   const classifier = createIpClassifier({ internal: caseSettings.internalCidrs });
//   classifier.classify('18.236.253.47');
//   // → { class: 'aws', normalized: '18.236.253.47', version: 4,
//   //     matches: [{ list: 'aws', prefix: '18.236.0.0/15', service: 'EC2', region: 'us-west-2', … }] }
//
// Precedence of the single class: internal > threat > tor > aws-service > aws > private > public
// (unparseable for anything else); every list that matched stays in `matches`.

export { createIpClassifier } from './classifier';
export type { IpClassifier, IpClassifierOptions, IpClassifierSources } from './classifier';
export type {
  IpClass,
  IpClassification,
  IpMatch,
  IpMatchList,
  ListLineError,
  PrivateRange,
  SpecialRange,
} from './types';
export { IP_CLASS_PRECEDENCE } from './types';

export { parseThreatList } from './ip-list';
export type { ListedPrefix, ThreatList } from './ip-list';
export { parseTorExitList } from './tor-list';
export type { TorExitList } from './tor-list';
export { awsCreateDateToIso, parseAwsIpRanges } from './aws-ranges';
export type { AwsIpRanges, AwsPrefix } from './aws-ranges';
export { loadAwsIpRanges } from './aws-ranges-file';
export { bundledAwsIpRanges, bundledTorExitList } from './bundled';

export { formatIp, parseIp } from './address';
export type { IpAddress } from './address';
export { formatCidr, parseCidr } from './cidr';
export type { Cidr, CidrParse } from './cidr';
export { parseAwsServiceName } from './aws-service';
export type { AwsServiceName } from './aws-service';
