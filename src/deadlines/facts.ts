// The case facts that decide which notification rules apply. Every fact is optional: a fact that
// is absent is unknown, and a rule that depends on it gets the question below instead of a guess.
import { z } from 'zod';
import { CairnError } from '../shared/errors';
import { DATA_TYPES, FLAG_KEYS, type FlagKey } from './vocabulary';

const Count = z.number().int().nonnegative();

export const FlagsSchema = z
  .object(Object.fromEntries(FLAG_KEYS.map((key) => [key, z.boolean().optional()])))
  .strict() as z.ZodType<Partial<Record<FlagKey, boolean>>>;

export const CaseFactsSchema = z
  .object({
    /** Affected people per jurisdiction code ("US-TX": 300, "CA": 12, "CA-QC": 4, "JP": 2000). */
    affectedByJurisdiction: z.record(z.string().min(1), Count).optional(),
    /**
     * True when `affectedByJurisdiction` lists every jurisdiction with affected people, so a
     * code that is absent means nobody there was affected. Otherwise absent codes are unknown.
     */
    affectedCountsComplete: z.boolean().optional(),
    /** All affected individuals, wherever they live (HIPAA, FTC and SEC rules count these). */
    totalAffected: Count.optional(),
    /** The complete list of affected data categories, in the reference's vocabulary. */
    dataCategories: z.array(z.enum(DATA_TYPES)).optional(),
    /** Was all of the affected data encrypted? */
    dataEncrypted: z.boolean().optional(),
    /** Was the key (or credential) that decrypts it compromised too? */
    encryptionKeyCompromised: z.boolean().optional(),
    /** Does the organisation own/license the data, maintain it for another, or both? */
    dataRole: z.enum(['owner', 'maintainer', 'both']).optional(),
    /** Conclusion of the documented risk-of-harm assessment. */
    riskOfHarm: z.enum(['high', 'likely', 'unlikely']).optional(),
    /** Sector and incident yes/no facts. */
    flags: FlagsSchema.optional(),
    /** Answers to rule-specific questions (complex thresholds), by rule id. */
    ruleAnswers: z.record(z.string().min(1), z.boolean()).optional(),
  })
  .strict();
export type CaseFacts = z.infer<typeof CaseFactsSchema>;

/** Validates case facts; the error names the field that is wrong. */
export function parseCaseFacts(input: unknown): CaseFacts {
  const result = CaseFactsSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'facts';
  throw new CairnError('INVALID_INPUT', `case facts: ${field}: ${issue?.message ?? 'invalid'}`);
}

/** The exact question to ask for each yes/no flag. */
export const FLAG_QUESTIONS: Readonly<Record<FlagKey, string>> = {
  hipaaCoveredEntity:
    'Is the organisation a HIPAA covered entity (health plan, clearinghouse, or provider that bills electronically)?',
  hipaaBusinessAssociate:
    'Is the organisation a HIPAA business associate handling PHI for a covered entity?',
  phrVendorNotCoveredByHipaa:
    'Is the organisation a vendor of personal health records or a related entity (e.g. a health app) that is NOT covered by HIPAA (FTC Health Breach Notification Rule)?',
  ftcFinancialInstitution:
    'Is the organisation a non-bank financial institution under the FTC Safeguards Rule (16 CFR Part 314)?',
  bankingOrganization:
    'Is the organisation a banking organisation supervised by the OCC, the Federal Reserve or the FDIC?',
  bankServiceProvider:
    'Is the organisation a bank service provider (Bank Service Company Act) to a US banking organisation?',
  federallyInsuredCreditUnion: 'Is the organisation a federally insured credit union?',
  secRegistrant:
    'Is the organisation an SEC registrant that files periodic reports (Form 8-K applies)?',
  secRegSpCoveredInstitution:
    'Is the organisation a broker-dealer, investment company, registered investment adviser or transfer agent (SEC Regulation S-P)?',
  secRegSpServiceProvider:
    'Is the organisation a service provider to an institution covered by SEC Regulation S-P, with access to its customer information?',
  nydfsLicensee: 'Is the organisation a NYDFS licensee / covered entity under 23 NYCRR Part 500?',
  insuranceLicensee:
    'Is the organisation an insurance licensee in a state that adopted the NAIC Insurance Data Security Model Law?',
  caLicensedHealthFacility:
    'Is the organisation a California licensed clinic, health facility, home health agency or hospice (Health & Safety Code § 1280.15)?',
  paStateAgencyOrContractor:
    'Is the organisation a Pennsylvania state agency or a contractor of one?',
  defenseContractor:
    'Is the organisation a defence contractor or subcontractor bound by DFARS 252.204-7012?',
  telecomCarrier:
    'Is the organisation a telecommunications carrier, interconnected VoIP or TRS provider (FCC CPNI rules)?',
  bulkElectricSystemEntity:
    'Is the organisation a NERC-registered entity with BES Cyber Systems (CIP-008)?',
  tsaSecurityDirectiveOperator:
    'Is the organisation a pipeline or rail/transit operator subject to a TSA cybersecurity Security Directive?',
  criticalInfrastructureCoveredEntity:
    'Would the organisation be a covered entity under CIRCIA (critical-infrastructure sector and size criteria)?',
  handlesCardData: 'Does the organisation store, process or transmit payment-card data (PCI DSS)?',
  acceptsVisa: 'Does the organisation accept or process Visa cards?',
  acceptsMastercard: 'Does the organisation accept or process Mastercard cards?',
  acceptsAmex: 'Does the organisation accept or process American Express cards?',
  acceptsDiscover: 'Does the organisation accept or process Discover cards?',
  euEstablishmentOrDataSubjects:
    'Is the organisation established in the EU/EEA, or does it offer goods or services to, or monitor, people in the EU/EEA whose data is affected (GDPR Art. 3)?',
  ukEstablishmentOrDataSubjects:
    'Is the organisation established in the UK, or does it offer goods or services to, or monitor, people in the UK whose data is affected (UK GDPR Art. 3)?',
  publicElectronicCommsProvider:
    'Is the organisation a provider of publicly available electronic communications services (telecom / ISP)?',
  nis2Entity:
    'Is the organisation an essential or important entity under NIS2 as transposed in a member state?',
  ukNisOperator:
    'Is the organisation an operator of essential services or a relevant digital service provider under the UK NIS Regulations 2018?',
  doraFinancialEntity: 'Is the organisation a financial entity in scope of DORA?',
  auCriticalInfrastructureAsset:
    'Is the organisation responsible for a critical infrastructure asset under the Australian SOCI Act 2018?',
  auRansomwareReportingEntity:
    'Is the organisation a reporting business entity under the Australian Cyber Security Act 2024 (turnover above AUD 3 million, or a responsible entity for critical infrastructure)?',
  certInCoveredEntity:
    'Is the organisation a service provider, intermediary, data centre, body corporate or government organisation in India (CERT-In Directions 2022)?',
  cnNetworkOperator: 'Does the organisation operate networks or network services in China?',
  nydfsCybersecurityIncident:
    'Is this a "cybersecurity incident" under 23 NYCRR 500.1 (requires notice to another body, is reasonably likely to materially harm operations, or deployed ransomware in a material part of systems)?',
  bankNotificationIncident:
    'Is this a "notification incident": has it materially disrupted or degraded, or is it reasonably likely to, the banking organisation\'s operations or services?',
  bankServiceDisruption:
    'Has the incident materially disrupted or degraded, or is it reasonably likely to, services provided to banking customers for four or more hours?',
  ncuaReportableIncident:
    'Is this a reportable cyber incident under 12 CFR 748.1(c) (substantial loss of confidentiality, integrity or availability, disruption, or third-party compromise)?',
  materialCybersecurityIncident:
    'Has the registrant determined that the cybersecurity incident is material?',
  nercReportableIncident: 'Is this a Reportable Cyber Security Incident under NERC CIP-008?',
  tsaReportableIncident:
    'Is this a reportable cybersecurity incident under the applicable TSA Security Directive?',
  circiaCoveredIncident: 'Is this a substantial cyber incident under CIRCIA?',
  nis2SignificantIncident:
    'Is this a significant incident under NIS2 (severe operational disruption or financial loss, or considerable damage to others)?',
  doraMajorIncident: 'Has the incident been classified as a major ICT-related incident under DORA?',
  ukNisIncident:
    'Has the incident had a significant impact on the essential service (OES) or a substantial impact on the digital service (RDSP)?',
  auCriticalCyberIncident:
    'Has the incident had a significant impact on the availability of the critical infrastructure asset?',
  cacReportableIncident:
    'Is this a "relatively major" (较大) or higher incident under the CAC classification guidelines?',
  ransomPaid: 'Has a ransom or extortion payment been made?',
  inadvertentDisclosureByAuthorizedPerson:
    'Was the exposure an inadvertent disclosure by persons authorised to access the information?',
};

export const DATA_ROLE_QUESTION =
  'Does the organisation own or license the affected data, maintain it on behalf of another organisation, or both?';
export const DATA_CATEGORIES_QUESTION =
  'Which categories of data were affected? List every one (e.g. ssn, drivers_license_state_id, financial_account_with_code, medical_info, online_credentials).';
export const ENCRYPTED_QUESTION = 'Was all of the affected data encrypted?';
export const KEY_COMPROMISED_QUESTION =
  'Was the encryption key, or a credential that decrypts the data, also compromised (or likely to be)?';
export const RISK_OF_HARM_QUESTION =
  'What did the documented risk-of-harm assessment conclude: high risk, harm likely, or harm unlikely to the affected people?';
export const TOTAL_AFFECTED_QUESTION = 'How many individuals were affected in total?';
export const LARGEST_STATE_QUESTION =
  'How many residents of each affected US state or territory were affected (the largest single-state count decides)?';
export const ANY_US_STATE_QUESTION =
  'Were residents of any US state or territory affected? Give the count per state.';
