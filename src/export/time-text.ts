// How an instant is written in a readable export: always with its zone, in UTC and in the case's.
import { formatInZone } from '../shared/time';

/** "2024-11-30 08:43:17 UTC". */
export const utc = (iso: string): string =>
  formatInZone(Date.parse(iso), 'UTC').replace(/ \+00:00$/, ' UTC');

/** "2024-11-30 09:43:17 +01:00 (Europe/Berlin)". */
export const inZone = (iso: string, zone: string): string =>
  `${formatInZone(Date.parse(iso), zone)} (${zone})`;

/** UTC, then the case's zone on a second line (one line when the case is in UTC). */
export const both = (iso: string, zone: string): string =>
  zone === 'UTC' ? utc(iso) : `${utc(iso)}\n${inZone(iso, zone)}`;

/** UTC and the case's zone on one line, for sentences. */
export const inline = (iso: string, zone: string): string =>
  zone === 'UTC' ? utc(iso) : `${utc(iso)} (${formatInZone(Date.parse(iso), zone)} ${zone})`;
