// Which IANA time zone and which public-holiday calendar each jurisdiction code of the rule set
// uses. The zone decides where "the end of day N" falls for calendar- and business-day rules and
// how due instants are shown; hour rules are exact elapsed time and do not depend on it.
//
// Conventions (each is a choice, not a statement of law; counsel may pick another zone):
// - US states and DC: the zone of the state capital (e.g. Texas → Austin → America/Chicago,
//   North and South Dakota → Bismarck and Pierre, both Central time). Territories: their capital.
// - US federal rules (US-FED) and rows that span many states (US-STATES, US-INS): the zone of
//   Washington, DC, America/New_York. US-INS (NAIC model) really follows each adopting state.
// - EU rules (code EU): Europe/Brussels by default. The competent authority sits in a member
//   state, so a caller may override the zone with that member state's capital (see
//   EU_EEA_CAPITAL_ZONES and the calculator's `jurisdictionZone` option).
// - UK → Europe/London; Canada (federal) → Ottawa (America/Toronto); Quebec → Québec City
//   (America/Toronto); Alberta → Edmonton; Australia → Canberra (Australia/Sydney); Brazil →
//   Brasília (America/Sao_Paulo; IANA has no separate Brasília zone).
// - Card-brand rules (PCI*) are contracts, not laws: UTC. All of them are hour rules or have no
//   fixed limit, so the zone only affects display.
import type { HolidayCalendarId } from './vocabulary';

interface ZoneChoice {
  zone: string;
  why: string;
}

const capital = (city: string, zone: string): ZoneChoice => ({ zone, why: `capital: ${city}` });

export const JURISDICTION_ZONES: Readonly<Record<string, ZoneChoice>> = {
  'US-AL': capital('Montgomery', 'America/Chicago'),
  'US-AK': capital('Juneau', 'America/Juneau'),
  'US-AZ': capital('Phoenix', 'America/Phoenix'),
  'US-AR': capital('Little Rock', 'America/Chicago'),
  'US-CA': capital('Sacramento', 'America/Los_Angeles'),
  'US-CO': capital('Denver', 'America/Denver'),
  'US-CT': capital('Hartford', 'America/New_York'),
  'US-DE': capital('Dover', 'America/New_York'),
  'US-DC': capital('Washington', 'America/New_York'),
  'US-FL': capital('Tallahassee', 'America/New_York'),
  'US-GA': capital('Atlanta', 'America/New_York'),
  'US-HI': capital('Honolulu', 'Pacific/Honolulu'),
  'US-ID': capital('Boise', 'America/Boise'),
  'US-IL': capital('Springfield', 'America/Chicago'),
  'US-IN': capital('Indianapolis', 'America/Indiana/Indianapolis'),
  'US-IA': capital('Des Moines', 'America/Chicago'),
  'US-KS': capital('Topeka', 'America/Chicago'),
  'US-KY': capital('Frankfort', 'America/New_York'),
  'US-LA': capital('Baton Rouge', 'America/Chicago'),
  'US-ME': capital('Augusta', 'America/New_York'),
  'US-MD': capital('Annapolis', 'America/New_York'),
  'US-MA': capital('Boston', 'America/New_York'),
  'US-MI': capital('Lansing', 'America/Detroit'),
  'US-MN': capital('Saint Paul', 'America/Chicago'),
  'US-MS': capital('Jackson', 'America/Chicago'),
  'US-MO': capital('Jefferson City', 'America/Chicago'),
  'US-MT': capital('Helena', 'America/Denver'),
  'US-NE': capital('Lincoln', 'America/Chicago'),
  'US-NV': capital('Carson City', 'America/Los_Angeles'),
  'US-NH': capital('Concord', 'America/New_York'),
  'US-NJ': capital('Trenton', 'America/New_York'),
  'US-NM': capital('Santa Fe', 'America/Denver'),
  'US-NY': capital('Albany', 'America/New_York'),
  'US-NC': capital('Raleigh', 'America/New_York'),
  'US-ND': capital('Bismarck', 'America/Chicago'),
  'US-OH': capital('Columbus', 'America/New_York'),
  'US-OK': capital('Oklahoma City', 'America/Chicago'),
  'US-OR': capital('Salem', 'America/Los_Angeles'),
  'US-PA': capital('Harrisburg', 'America/New_York'),
  'US-RI': capital('Providence', 'America/New_York'),
  'US-SC': capital('Columbia', 'America/New_York'),
  'US-SD': capital('Pierre', 'America/Chicago'),
  'US-TN': capital('Nashville', 'America/Chicago'),
  'US-TX': capital('Austin', 'America/Chicago'),
  'US-UT': capital('Salt Lake City', 'America/Denver'),
  'US-VT': capital('Montpelier', 'America/New_York'),
  'US-VA': capital('Richmond', 'America/New_York'),
  'US-WA': capital('Olympia', 'America/Los_Angeles'),
  'US-WV': capital('Charleston', 'America/New_York'),
  'US-WI': capital('Madison', 'America/Chicago'),
  'US-WY': capital('Cheyenne', 'America/Denver'),
  'US-PR': capital('San Juan', 'America/Puerto_Rico'),
  'US-GU': capital('Hagåtña', 'Pacific/Guam'),
  'US-VI': capital('Charlotte Amalie', 'America/St_Thomas'),
  'US-FED': { zone: 'America/New_York', why: 'US federal: Washington, DC' },
  'US-STATES': { zone: 'America/New_York', why: 'spans all states: Washington, DC convention' },
  'US-INS': { zone: 'America/New_York', why: 'NAIC model adopted per state: DC convention' },
  PCI: { zone: 'UTC', why: 'contractual (card brands), no sovereign calendar' },
  'PCI-VISA': { zone: 'UTC', why: 'contractual (Visa), no sovereign calendar' },
  'PCI-MC': { zone: 'UTC', why: 'contractual (Mastercard), no sovereign calendar' },
  'PCI-AMEX': { zone: 'UTC', why: 'contractual (American Express), no sovereign calendar' },
  'PCI-DISC': { zone: 'UTC', why: 'contractual (Discover), no sovereign calendar' },
  EU: { zone: 'Europe/Brussels', why: 'EU institutions: Brussels (override per member state)' },
  UK: capital('London', 'Europe/London'),
  CA: capital('Ottawa', 'America/Toronto'),
  'CA-QC': capital('Québec City', 'America/Toronto'),
  'CA-AB': capital('Edmonton', 'America/Edmonton'),
  AU: capital('Canberra', 'Australia/Sydney'),
  SG: capital('Singapore', 'Asia/Singapore'),
  IN: capital('New Delhi', 'Asia/Kolkata'),
  BR: capital('Brasília', 'America/Sao_Paulo'),
  JP: capital('Tokyo', 'Asia/Tokyo'),
  CN: capital('Beijing', 'Asia/Shanghai'),
  ZA: capital('Pretoria', 'Africa/Johannesburg'),
  KR: capital('Seoul', 'Asia/Seoul'),
  CH: capital('Bern', 'Europe/Zurich'),
  NZ: capital('Wellington', 'Pacific/Auckland'),
};

/** EU and EEA member states (ISO 3166 alpha-2) → the zone of their capital. */
export const EU_EEA_CAPITAL_ZONES: Readonly<Record<string, string>> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  HR: 'Europe/Zagreb',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  GR: 'Europe/Athens',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IT: 'Europe/Rome',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SK: 'Europe/Bratislava',
  SI: 'Europe/Ljubljana',
  ES: 'Europe/Madrid',
  SE: 'Europe/Stockholm',
  IS: 'Atlantic/Reykjavik',
  LI: 'Europe/Vaduz',
  NO: 'Europe/Oslo',
};

/**
 * Holiday calendars Cairn computes. Every other jurisdiction counts weekends only, and the
 * calculator says so: state holidays differ from federal ones, so borrowing the federal list for
 * a state rule would be a guess (and weekends-only gives the earlier, safer date).
 */
const HOLIDAY_CALENDARS: Readonly<Record<string, HolidayCalendarId>> = {
  'US-FED': 'us_federal',
  BR: 'br_national',
};

export function zoneForJurisdiction(code: string): string | undefined {
  return JURISDICTION_ZONES[code]?.zone;
}

export function holidayCalendarForJurisdiction(code: string): HolidayCalendarId | null {
  return HOLIDAY_CALENDARS[code] ?? null;
}

/** The capital zone of an EU/EEA member state, for overriding the EU default (Brussels). */
export function euMemberStateZone(countryCode: string): string | undefined {
  return EU_EEA_CAPITAL_ZONES[countryCode.toUpperCase()];
}
