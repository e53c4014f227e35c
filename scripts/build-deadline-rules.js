// Converts the researched breach-notification rules (../shared/reference/notification_rules.json,
// described in notification_rules.md §1–§3) into Cairn's rule set, src/deadlines/rules.json.
// Every research field is kept (citation, sources, as-of, confidence, status, verification,
// notes); Cairn adds the jurisdiction's IANA zone and holiday calendar and an `applicability`
// profile that says which case facts decide whether the rule binds.
//
// Run (tsx lets this script import the TypeScript schema):
//   npx tsx scripts/build-deadline-rules.js [path/to/notification_rules.json]
// The output is committed; re-run after the reference changes and review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as prettier from 'prettier';
import { RuleSetSchema } from '../src/deadlines/schema.ts';
import {
  holidayCalendarForJurisdiction,
  zoneForJurisdiction,
} from '../src/deadlines/jurisdictions.ts';

const root = resolve(import.meta.dirname, '..');
const input = resolve(
  process.argv[2] ?? resolve(root, '../shared/reference/notification_rules.json'),
);
const output = resolve(root, 'src/deadlines/rules.json');

/**
 * Applicability decisions for rows that are not plain state breach-law rows. Anything not set
 * here is derived from the reference (see profileFor). A non-state row without an entry stops
 * the build, so every sector rule is looked at by a person once.
 */
const hipaa = { requires: ['hipaaCoveredEntity'], scope: 'total' };
const hbnr = { requires: ['phrVendorNotCoveredByHipaa'], scope: 'total' };
const OVERRIDES = {
  // Alaska/NY: these AG notices exist only when individuals are NOT notified (no-harm finding).
  'us-ak-regulator': { harmGate: 'only_if_no_harm_determination' },
  'us-ny-no-harm-determination': {
    harmGate: 'only_if_no_harm_determination',
    requires: ['inadvertentDisclosureByAuthorizedPerson'],
  },
  'us-ny-hipaa-copy': { requires: ['hipaaCoveredEntity'] },
  'us-states-maintainer-generic': { scope: 'any_us_state' },
  'us-ny-dfs-500-17-incident': {
    requires: ['nydfsLicensee', 'nydfsCybersecurityIncident'],
    scope: 'none',
  },
  'us-ny-dfs-500-17-extortion': { requires: ['nydfsLicensee', 'ransomPaid'], scope: 'none' },
  'us-naic-668': { requires: ['insuranceLicensee'], scope: 'none' },
  'us-ca-health-1280-15': { requires: ['caLicensedHealthFacility'], scope: 'total' },
  'us-pa-state-agency': { requires: ['paStateAgencyOrContractor'] },
  'us-hipaa-individuals': hipaa,
  'us-hipaa-media': { ...hipaa, scope: 'any_single_us_state' },
  'us-hipaa-hhs-500plus': hipaa,
  'us-hipaa-hhs-under500': hipaa,
  'us-hipaa-ba-to-ce': { requires: ['hipaaBusinessAssociate'], scope: 'total' },
  'us-ftc-hbnr-individuals': hbnr,
  'us-ftc-hbnr-ftc-500plus': hbnr,
  'us-ftc-hbnr-ftc-under500': hbnr,
  // "More than 500 residents of a State or jurisdiction" (threshold detail).
  'us-ftc-hbnr-media': { ...hbnr, scope: 'any_single_us_state' },
  'us-glba-ftc-safeguards': { requires: ['ftcFinancialInstitution'], scope: 'total' },
  'us-glba-interagency-banks': { requires: ['bankingOrganization'], scope: 'none' },
  'us-bank-36h': { requires: ['bankingOrganization', 'bankNotificationIncident'], scope: 'none' },
  // About service disruption, not data: any provider, whoever owns the data.
  'us-bank-service-provider': {
    requires: ['bankServiceProvider', 'bankServiceDisruption'],
    scope: 'none',
    dutyHolder: 'any',
  },
  'us-ncua-72h': {
    requires: ['federallyInsuredCreditUnion', 'ncuaReportableIncident'],
    scope: 'none',
  },
  'us-sec-8k-105': { requires: ['secRegistrant', 'materialCybersecurityIncident'], scope: 'none' },
  'us-sec-regsp-customers': { requires: ['secRegSpCoveredInstitution'], scope: 'total' },
  'us-sec-regsp-service-provider': { requires: ['secRegSpServiceProvider'], scope: 'none' },
  'us-circia-incident': {
    requires: ['criticalInfrastructureCoveredEntity', 'circiaCoveredIncident'],
    scope: 'none',
  },
  'us-circia-ransom': {
    requires: ['criticalInfrastructureCoveredEntity', 'ransomPaid'],
    scope: 'none',
  },
  'us-dfars-7012': { requires: ['defenseContractor'], scope: 'none' },
  'us-fcc-cpni': { requires: ['telecomCarrier'], scope: 'none' },
  'us-nerc-cip-008': {
    requires: ['bulkElectricSystemEntity', 'nercReportableIncident'],
    scope: 'none',
  },
  'us-tsa-sd-pipeline': {
    requires: ['tsaSecurityDirectiveOperator', 'tsaReportableIncident'],
    scope: 'none',
  },
  'pci-dss-12-10': { requires: ['handlesCardData'], scope: 'none' },
  'pci-visa': { requires: ['handlesCardData', 'acceptsVisa'], scope: 'none' },
  'pci-mastercard': { requires: ['handlesCardData', 'acceptsMastercard'], scope: 'none' },
  'pci-amex': { requires: ['handlesCardData', 'acceptsAmex'], scope: 'none' },
  'pci-discover': { requires: ['handlesCardData', 'acceptsDiscover'], scope: 'none' },
  'eu-gdpr-art33': { requires: ['euEstablishmentOrDataSubjects'], scope: 'none' },
  'eu-gdpr-art33-processor': { requires: ['euEstablishmentOrDataSubjects'], scope: 'none' },
  'eu-gdpr-art34': {
    requires: ['euEstablishmentOrDataSubjects'],
    scope: 'none',
    harmGate: 'only_if_high_risk',
  },
  'uk-gdpr-art33': { requires: ['ukEstablishmentOrDataSubjects'], scope: 'none' },
  'uk-gdpr-art34': {
    requires: ['ukEstablishmentOrDataSubjects'],
    scope: 'none',
    harmGate: 'only_if_high_risk',
  },
  'uk-pecr-reg5a': {
    requires: ['ukEstablishmentOrDataSubjects', 'publicElectronicCommsProvider'],
    scope: 'none',
  },
  'uk-nis-2018': { requires: ['ukNisOperator', 'ukNisIncident'], scope: 'none' },
  'eu-eprivacy-611': {
    requires: ['euEstablishmentOrDataSubjects', 'publicElectronicCommsProvider'],
    scope: 'none',
  },
  'eu-nis2-early-warning': { requires: ['nis2Entity', 'nis2SignificantIncident'], scope: 'none' },
  'eu-nis2-notification': { requires: ['nis2Entity', 'nis2SignificantIncident'], scope: 'none' },
  'eu-nis2-final': { requires: ['nis2Entity', 'nis2SignificantIncident'], scope: 'none' },
  'eu-dora-initial': { requires: ['doraFinancialEntity', 'doraMajorIncident'], scope: 'none' },
  'eu-dora-intermediate': {
    requires: ['doraFinancialEntity', 'doraMajorIncident'],
    scope: 'none',
  },
  'eu-dora-final': { requires: ['doraFinancialEntity', 'doraMajorIncident'], scope: 'none' },
  'ca-pipeda-opc': {},
  'ca-pipeda-individuals': {},
  'ca-qc-law25': {},
  'ca-ab-pipa': {},
  // The assessment duties exist to decide harm, so the harm answer cannot gate them.
  'au-ndb-assessment': { harmGate: 'none' },
  'au-ndb-notify': {},
  'au-ransomware-payment': {
    requires: ['auRansomwareReportingEntity', 'ransomPaid'],
    scope: 'none',
  },
  'au-soci-critical': {
    requires: ['auCriticalInfrastructureAsset', 'auCriticalCyberIncident'],
    scope: 'none',
  },
  'sg-pdpa-assessment': { harmGate: 'none' },
  // Significant harm OR 500+ people: the harm half is part of the "or" question, so a low-harm
  // finding must not switch the scale branch off.
  'sg-pdpa-pdpc': { harmGate: 'none' },
  'sg-pdpa-individuals': {},
  'in-certin': { requires: ['certInCoveredEntity'], scope: 'none' },
  'in-dpdp-board-initial': {},
  'in-dpdp-board-72h': {},
  'in-dpdp-principals': {},
  'br-lgpd-anpd': {},
  // APPI: more than 1,000 people OR (sensitive / property damage / wrongful purpose); harm is
  // folded into those conditions.
  'jp-appi-preliminary': { harmGate: 'none' },
  'jp-appi-final': { harmGate: 'none' },
  'jp-appi-individuals': { harmGate: 'none' },
  // One row for both the authority and individuals; only the individual notice can be skipped
  // for low harm, so the harm answer does not switch the row off.
  'cn-pipl-57': { harmGate: 'none' },
  'cn-cac-incident-4h': { requires: ['cnNetworkOperator', 'cacReportableIncident'], scope: 'none' },
  'za-popia-22': {},
  'kr-pipa-34-individuals': {},
  'kr-pipa-34-regulator': {},
  'ch-nfadp-24': { harmGate: 'only_if_high_risk' },
  'nz-privacy-114': {},
};

function derivedDutyHolder(ref) {
  if (ref.notify.some((n) => n.type === 'data_owner_or_controller')) return 'maintainer';
  if (ref.category === 'industry_contractual') return 'any';
  if (ref.triggers.data_types.includes('any_system_or_data')) return 'any';
  return 'owner';
}

function derivedExtraCondition(ref) {
  const { logic, detail, min_affected: min } = ref.thresholds;
  if (logic === 'complex_see_detail') {
    return { combine: 'and', question: `Does this condition hold? ${detail}` };
  }
  if (logic === 'or_other_conditions') {
    return min === null
      ? { combine: 'and', question: `Does this condition hold? ${detail}` }
      : {
          combine: 'or_threshold',
          question: `Apart from the head count, does any of these conditions hold? ${detail}`,
        };
  }
  return null;
}

function profileFor(ref) {
  const override = OVERRIDES[ref.id];
  if (override === undefined && ref.category !== 'us_state') {
    throw new Error(`${ref.id}: non-state row without an applicability decision in OVERRIDES`);
  }
  return {
    dutyHolder: override?.dutyHolder ?? derivedDutyHolder(ref),
    scope: override?.scope ?? 'residents',
    requires: override?.requires ?? [],
    harmGate:
      override?.harmGate ??
      (ref.triggers.risk_of_harm_exception === true ? 'exception_if_unlikely' : 'none'),
    extraCondition: derivedExtraCondition(ref),
  };
}

function convert(ref) {
  const zone = zoneForJurisdiction(ref.jurisdiction_code);
  if (zone === undefined) throw new Error(`${ref.id}: no zone for ${ref.jurisdiction_code}`);
  return {
    id: ref.id,
    jurisdiction: {
      name: ref.jurisdiction,
      code: ref.jurisdiction_code,
      timeZone: zone,
      holidayCalendar: holidayCalendarForJurisdiction(ref.jurisdiction_code),
    },
    category: ref.category,
    regime: ref.regime,
    notify: ref.notify.map((n) => ({ type: n.type, name: n.name })),
    deadline: {
      kind: ref.deadline.unit,
      amount: ref.deadline.amount,
      qualifier: ref.deadline.qualifier,
    },
    clockStart: { anchor: ref.clock_starts.anchor, detail: ref.clock_starts.detail },
    threshold: {
      minAffected: ref.thresholds.min_affected,
      comparator: ref.thresholds.comparator,
      population: ref.thresholds.population,
      detail: ref.thresholds.detail,
      logic: ref.thresholds.logic,
    },
    triggers: {
      dataTypes: ref.triggers.data_types,
      breachTrigger: ref.triggers.breach_trigger,
      riskOfHarmException: ref.triggers.risk_of_harm_exception,
      media: ref.triggers.media,
      detail: ref.triggers.detail,
    },
    safeHarbor: {
      encryption: ref.safe_harbor.encryption,
      keyCompromiseVoids: ref.safe_harbor.key_compromise_voids,
      other: ref.safe_harbor.other,
    },
    citation: ref.citation,
    sources: ref.source.map((s) => ({
      key: s.key,
      title: s.title,
      url: s.url,
      asOf: s.as_of,
      kind: s.kind,
    })),
    asOf: ref.as_of,
    confidence: ref.confidence,
    status: ref.status,
    recentChange: ref.recent_change,
    verification: ref.verification,
    notes: ref.notes,
    applicability: profileFor(ref),
  };
}

const reference = JSON.parse(readFileSync(input, 'utf8'));
const unused = Object.keys(OVERRIDES).filter((id) => !reference.some((r) => r.id === id));
if (unused.length > 0) throw new Error(`OVERRIDES name rules not in the reference: ${unused}`);

const ruleSet = RuleSetSchema.parse({
  generatedFrom: `shared/reference/notification_rules.json (${reference.length} rules) via scripts/build-deadline-rules.js`,
  researchCompiled:
    'notification_rules.md: compiled 2026-11-29; newest sources about mid-2026; research, not legal advice',
  rules: reference.map(convert),
});
const config = (await prettier.resolveConfig(output)) ?? {};
const text = await prettier.format(JSON.stringify(ruleSet), { ...config, parser: 'json' });
writeFileSync(output, text);
console.log(`wrote ${ruleSet.rules.length} rules to ${output}`);
