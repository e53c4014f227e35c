// The closed vocabularies of the rule set. Most come straight from the research reference
// (../shared/reference/notification_rules.md §1); the applicability ones (duty holder, scope,
// harm gate, case-fact flags) are Cairn's own.

export const CATEGORIES = [
  'us_state',
  'us_state_sector',
  'us_federal_sector',
  'international',
  'industry_contractual',
] as const;

export const RECIPIENT_TYPES = [
  'affected_individuals',
  'state_regulator',
  'federal_regulator',
  'supervisory_authority',
  'competent_authority',
  'consumer_reporting_agencies',
  'media',
  'data_owner_or_controller',
  'card_brand_or_acquirer',
  'sector_isac_and_regulator',
  'other_organizations',
  'internal',
] as const;

export const DEADLINE_KINDS = ['hours', 'calendar_days', 'business_days', 'none'] as const;

/** Clock anchors that are events on their own timeline (recorded per case). */
export const EVENT_ANCHORS = [
  'discovery',
  'discovery_or_notification',
  'determination_of_breach',
  'becoming_aware',
  'knew_or_should_have_known',
  'confirmation_of_breach',
  'learning_of_acquisition',
  'materiality_determination',
  'reasonable_belief_incident_occurred',
  'reasonable_suspicion',
  'notifiability_assessment_complete',
  'classification_as_major',
  'incident_noticed',
  'knowledge_of_personal_data_incident',
  'determination_of_cybersecurity_incident',
  'determination_of_cybersecurity_event',
  'determination_of_notification_incident',
  'determination_of_incident',
  'ransom_payment_made',
  'end_of_calendar_year',
] as const;

/** Clock anchors that are another notice of the same case: the deadline is an edge from it. */
export const DEPENDENT_ANCHORS = [
  'notice_to_individuals_sent',
  'notice_to_regulator_sent',
  'before_notice_to_individuals',
] as const;

export const ANCHORS = [...EVENT_ANCHORS, ...DEPENDENT_ANCHORS] as const;
export type Anchor = (typeof ANCHORS)[number];
export type DependentAnchor = (typeof DEPENDENT_ANCHORS)[number];

export const COMPARATORS = ['>=', '>', '<'] as const;

export const THRESHOLD_LOGIC = [
  'numeric_threshold_only',
  'no_numeric_threshold',
  'complex_see_detail',
  'or_other_conditions',
] as const;

export const DATA_TYPES = [
  'ssn',
  'taxpayer_id',
  'drivers_license_state_id',
  'passport',
  'military_id',
  'other_government_id',
  'financial_account_with_code',
  'medical_info',
  'health_insurance_info',
  'online_credentials',
  'pins_passwords_alone',
  'digital_signature_private_key',
  'biometric',
  'genetic',
  'alpr_data',
  'student_military_passport_id',
  'irs_ip_pin',
  'electronic_identifier_with_code',
  'health_info',
  'financial_account_without_code',
  'tribal_id',
  'medical_id_or_health_insurance_id',
  'phi',
  'dob',
  'mothers_maiden_name',
  'employee_id_with_code',
  'medical_info_state_agency_only',
  'health_records',
  'dna_profile',
  'birth_or_marriage_certificate',
  'shared_secrets_security_tokens',
  'voter_id',
  'medical_info_hipaa',
  'tax_info',
  'work_evaluations',
  'state_defined_personal_information',
  'phi_unsecured',
  'phr_identifiable_health_information_unsecured',
  'customer_information_glba',
  'sensitive_customer_information',
  'any_system_or_data',
  'customer_information',
  'nonpublic_information',
  'covered_defense_information',
  'cpni',
  'customer_pii',
  'bes_cyber_systems',
  'cardholder_data',
  'sensitive_authentication_data',
  'personal_data_any',
  'digital_personal_data',
  'sensitive_data',
  'children_elderly_data',
  'financial_data',
  'authentication_data',
  'secrecy_protected_data',
  'large_scale_data',
  'sensitive_personal_information',
  'personal_information',
] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const MEDIA = ['electronic', 'electronic_and_paper'] as const;
export const STATUSES = [
  'in_force',
  'proposed',
  'enacted_not_yet_in_force',
  'in_force_amendments_pending',
] as const;
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export const VERIFICATIONS = [
  'corroborated_by_retrieved_source',
  'researcher_knowledge_plus_low_reliability_dataset',
  'researcher_knowledge_only',
] as const;
export const SOURCE_KINDS = [
  'vendor',
  'github',
  'law_firm',
  'official',
  'primary_unretrieved',
  'primary',
  'secondary',
  'news',
  'industry',
  'official_secondhand',
] as const;

export const HOLIDAY_CALENDARS = ['us_federal', 'br_national'] as const;
export type HolidayCalendarId = (typeof HOLIDAY_CALENDARS)[number];

/** Whose duty a rule is: the data owner/licensee, the one maintaining it for another, or either. */
export const DUTY_HOLDERS = ['owner', 'maintainer', 'any'] as const;

/** Which head count a rule's threshold is measured against. */
export const SCOPE_KINDS = [
  'residents', // affected residents of the rule's jurisdiction code
  'total', // all affected individuals
  'any_single_us_state', // the largest count of any one US state or territory
  'any_us_state', // at least one resident of any US state or territory
  'none', // no head count (incident- or sector-based rules)
] as const;

/** How the risk-of-harm assessment gates a rule. */
export const HARM_GATES = [
  'none',
  'exception_if_unlikely', // owed unless a documented assessment finds harm unlikely
  'only_if_high_risk', // owed only for a high risk (GDPR Art. 34, nFADP)
  'only_if_no_harm_determination', // owed only when individuals are NOT notified (AK, NY)
] as const;

/** Yes/no facts about the organisation or the incident that gate sector rules. */
export const FLAG_KEYS = [
  'hipaaCoveredEntity',
  'hipaaBusinessAssociate',
  'phrVendorNotCoveredByHipaa',
  'ftcFinancialInstitution',
  'bankingOrganization',
  'bankServiceProvider',
  'federallyInsuredCreditUnion',
  'secRegistrant',
  'secRegSpCoveredInstitution',
  'secRegSpServiceProvider',
  'nydfsLicensee',
  'insuranceLicensee',
  'caLicensedHealthFacility',
  'paStateAgencyOrContractor',
  'defenseContractor',
  'telecomCarrier',
  'bulkElectricSystemEntity',
  'tsaSecurityDirectiveOperator',
  'criticalInfrastructureCoveredEntity',
  'handlesCardData',
  'acceptsVisa',
  'acceptsMastercard',
  'acceptsAmex',
  'acceptsDiscover',
  'euEstablishmentOrDataSubjects',
  'ukEstablishmentOrDataSubjects',
  'publicElectronicCommsProvider',
  'nis2Entity',
  'ukNisOperator',
  'doraFinancialEntity',
  'auCriticalInfrastructureAsset',
  'auRansomwareReportingEntity',
  'certInCoveredEntity',
  'cnNetworkOperator',
  'nydfsCybersecurityIncident',
  'bankNotificationIncident',
  'bankServiceDisruption',
  'ncuaReportableIncident',
  'materialCybersecurityIncident',
  'nercReportableIncident',
  'tsaReportableIncident',
  'circiaCoveredIncident',
  'nis2SignificantIncident',
  'doraMajorIncident',
  'ukNisIncident',
  'auCriticalCyberIncident',
  'cacReportableIncident',
  'ransomPaid',
  'inadvertentDisclosureByAuthorizedPerson',
] as const;
export type FlagKey = (typeof FLAG_KEYS)[number];

/** Human labels for anchors, used in explanations ("72 hours from awareness at …"). */
export const ANCHOR_LABELS: Readonly<Record<Anchor, string>> = {
  discovery: 'discovery',
  discovery_or_notification: 'discovery (or notification by a third party)',
  determination_of_breach: 'determination of the breach',
  becoming_aware: 'awareness',
  knew_or_should_have_known: 'the day the breach was known or should reasonably have been known',
  confirmation_of_breach: 'confirmation of the breach',
  learning_of_acquisition: 'learning of the acquisition',
  materiality_determination: 'the materiality determination',
  reasonable_belief_incident_occurred: 'forming a reasonable belief that the incident occurred',
  reasonable_suspicion: 'reasonable suspicion of a breach',
  notifiability_assessment_complete: 'the determination that the breach is notifiable',
  classification_as_major: 'classification of the incident as major',
  incident_noticed: 'noticing the incident',
  knowledge_of_personal_data_incident: 'knowledge that the incident affected personal data',
  determination_of_cybersecurity_incident: 'determination of a cybersecurity incident',
  determination_of_cybersecurity_event: 'determination of a cybersecurity event',
  determination_of_notification_incident: 'determination of a notification incident',
  determination_of_incident: 'determination of the incident',
  ransom_payment_made: 'the ransom payment',
  end_of_calendar_year: 'the end of the calendar year of discovery',
  notice_to_individuals_sent: 'notice to individuals being sent',
  notice_to_regulator_sent: 'the earlier notice to the regulator being sent',
  before_notice_to_individuals: 'notice to individuals (this notice must come first)',
};
