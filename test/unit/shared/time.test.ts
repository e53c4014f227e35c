import { describe, expect, it } from 'vitest';
import { formatInZone, isValidTimeZone, parseInstant } from '../../../src/shared/time';

describe('parseInstant', () => {
  it('accepts instants with Z or an offset', () => {
    expect(parseInstant('2026-03-27T23:30:00Z', 'at')).toBe(Date.UTC(2026, 2, 27, 23, 30));
    // 00:30 at +01:00 is 23:30 UTC the day before.
    expect(parseInstant('2026-03-28T00:30:00+01:00', 'at')).toBe(Date.UTC(2026, 2, 27, 23, 30));
    expect(parseInstant('2026-03-27T23:30Z', 'at')).toBe(Date.UTC(2026, 2, 27, 23, 30));
  });

  it('refuses a local time without a zone and names the field', () => {
    expect(() => parseInstant('2026-03-27T23:30:00', 'awareAt')).toThrow(
      /awareAt: "2026-03-27T23:30:00" is not an ISO-8601 time with a zone/,
    );
  });

  it('refuses dates that do not exist rather than rolling them over', () => {
    expect(() => parseInstant('2026-02-30T00:00:00Z', 'at')).toThrow(/not a real date/);
    expect(() => parseInstant('2025-02-29T00:00:00Z', 'at')).toThrow(/not a real date/);
    expect(parseInstant('2024-02-29T00:00:00Z', 'at')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('time zones', () => {
  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('formats an instant with its offset in the zone, across DST', () => {
    // Berlin is UTC+1 in winter and UTC+2 from the last Sunday of March (2026-03-29).
    expect(formatInZone(Date.UTC(2026, 2, 27, 23, 30), 'Europe/Berlin')).toBe(
      '2026-03-28 00:30:00 +01:00',
    );
    expect(formatInZone(Date.UTC(2026, 2, 29, 12, 0), 'Europe/Berlin')).toBe(
      '2026-03-29 14:00:00 +02:00',
    );
    expect(formatInZone(Date.UTC(2026, 0, 1), 'UTC')).toBe('2026-01-01 00:00:00 +00:00');
  });
});
