/**
 * Domain vocabularies shared by the contract and the UI. Pure data: no SQLite, no DOM,
 * so the renderer may import it. Labels live in the i18n catalogs, keyed by these values.
 */
export const CASE_STATUSES = ['open', 'under_review', 'referred_for_prosecution', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Allowed status moves; anything else is refused with `invalid_transition`. */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['under_review', 'closed'],
  under_review: ['open', 'referred_for_prosecution', 'closed'],
  referred_for_prosecution: ['under_review', 'closed'],
  closed: ['open'],
};

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const VIOLATION_TYPES = [
  'export_without_permit',
  'sanctions_breach',
  'false_declaration',
  'diversion_third_country',
  'unlicensed_technology_transfer',
  'end_use_violation',
  'smuggling',
  'other',
] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];

export const SECURITY_MARKINGS = ['unclassified', 'protected_a', 'protected_b', 'protected_c', 'confidential', 'secret'] as const;
export type SecurityMarking = (typeof SECURITY_MARKINGS)[number];

/** How a marking is printed on exports and reports: in both official languages, as Canadian markings are. */
export const MARKING_PRINTED: Readonly<Record<SecurityMarking, string>> = {
  unclassified: 'UNCLASSIFIED / NON CLASSIFIÉ',
  protected_a: 'PROTECTED A / PROTÉGÉ A',
  protected_b: 'PROTECTED B / PROTÉGÉ B',
  protected_c: 'PROTECTED C / PROTÉGÉ C',
  confidential: 'CONFIDENTIAL / CONFIDENTIEL',
  secret: 'SECRET / SECRET',
};

/** Columns the case list can sort by; each has an index (see migration 001). */
export const CASE_SORT_COLUMNS = [
  'fileNumber',
  'title',
  'status',
  'priority',
  'leadInvestigator',
  'violationType',
  'openedOn',
  'updatedAt',
] as const;
export type CaseSortColumn = (typeof CASE_SORT_COLUMNS)[number];

/** What an evidence file can be attached to (evidence.attach's subjectType). */
export const EVIDENCE_SUBJECT_TYPES = ['case', 'entity', 'seized_item'] as const;
export type EvidenceSubjectType = (typeof EVIDENCE_SUBJECT_TYPES)[number];

/** Columns the evidence list can sort by; each has an index (see migration 002). */
export const EVIDENCE_SORT_COLUMNS = ['addedAt', 'originalName', 'size', 'acquiredAt'] as const;
export type EvidenceSortColumn = (typeof EVIDENCE_SORT_COLUMNS)[number];

// --- Entities, links and roles in cases (migration 003) ---------------------------------------

export const ENTITY_KINDS = ['person', 'organization', 'address', 'conveyance', 'shipment'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const CONVEYANCE_TYPES = ['vessel', 'aircraft', 'vehicle', 'container'] as const;
export type ConveyanceType = (typeof CONVEYANCE_TYPES)[number];

export const IDENTITY_DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'drivers_licence',
  'residence_permit',
  'visa',
  'other',
] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

export const TRANSPORT_DOCUMENT_TYPES = [
  'bill_of_lading',
  'sea_waybill',
  'air_waybill',
  'road_consignment_note',
  'rail_consignment_note',
  'other',
] as const;
export type TransportDocumentType = (typeof TRANSPORT_DOCUMENT_TYPES)[number];

/** How sure a link is: a document says so (confirmed), the evidence points to it (probable), or it is a lead (possible). */
export const LINK_CONFIDENCES = ['confirmed', 'probable', 'possible'] as const;
export type LinkConfidence = (typeof LINK_CONFIDENCES)[number];

export const LINK_TYPES = [
  'owns',
  'director_of',
  'employee_of',
  'agent_for',
  'shipper_of',
  'consignee_of',
  'notify_party_of',
  'freight_forwarder_of',
  'carried_by',
  'located_at',
  'alias_of',
  'same_as',
  'associated',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/**
 * Which kinds each link type may join, from -> to ('*' = any kind). alias_of and same_as also
 * need both ends of the same kind; no link joins an entity to itself.
 */
export const LINK_ENDPOINTS: Readonly<Record<LinkType, { from: readonly EntityKind[] | '*'; to: readonly EntityKind[] | '*' }>> =
  {
    owns: { from: ['person', 'organization'], to: ['organization'] },
    director_of: { from: ['person', 'organization'], to: ['organization'] },
    employee_of: { from: ['person'], to: ['organization'] },
    agent_for: { from: ['person', 'organization'], to: ['person', 'organization'] },
    shipper_of: { from: ['person', 'organization'], to: ['shipment'] },
    consignee_of: { from: ['person', 'organization'], to: ['shipment'] },
    notify_party_of: { from: ['person', 'organization'], to: ['shipment'] },
    freight_forwarder_of: { from: ['person', 'organization'], to: ['shipment'] },
    carried_by: { from: ['shipment', 'conveyance'], to: ['conveyance'] },
    located_at: { from: ['person', 'organization', 'conveyance', 'shipment'], to: ['address'] },
    alias_of: { from: ['person', 'organization'], to: ['person', 'organization'] },
    same_as: { from: '*', to: '*' },
    associated: { from: '*', to: '*' },
  };
export const SAME_KIND_LINKS: readonly LinkType[] = ['alias_of', 'same_as'];

/** Roles of an entity in a case, in the order a case page lists them. */
export const CASE_ROLES = [
  'subject',
  'suspect',
  'exporter',
  'consignee',
  'end_user',
  'freight_forwarder',
  'witness',
  'counsel',
  'other',
] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/** Which kinds may hold each role: parties are persons or organizations, a witness is a person. */
export const CASE_ROLE_KINDS: Readonly<Record<CaseRole, readonly EntityKind[]>> = {
  subject: ENTITY_KINDS,
  suspect: ['person', 'organization'],
  exporter: ['person', 'organization'],
  consignee: ['person', 'organization'],
  end_user: ['person', 'organization'],
  freight_forwarder: ['person', 'organization'],
  witness: ['person'],
  counsel: ['person', 'organization'],
  other: ENTITY_KINDS,
};

/** Columns the entity list can sort by; each has an index (see migration 003). */
export const ENTITY_SORT_COLUMNS = ['name', 'kind', 'country', 'updatedAt'] as const;
export type EntitySortColumn = (typeof ENTITY_SORT_COLUMNS)[number];

/** What became of seized goods. `held` until a decision; see DISPOSITION_TRANSITIONS. */
export const DISPOSITIONS = ['held', 'released_on_terms', 'forfeited', 'returned', 'sold', 'destroyed', 'transferred'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * Allowed disposition moves; anything else is refused with `invalid_transition`.
 * `released_on_terms` is a release ordered against payment or security: paid, the goods are
 * returned; not paid, they are forfeited. Forfeited goods are sold, destroyed, transferred to
 * another agency, or returned (the forfeiture reversed on review). The last four are final.
 */
export const DISPOSITION_TRANSITIONS: Record<Disposition, readonly Disposition[]> = {
  held: ['released_on_terms', 'forfeited', 'returned', 'sold', 'destroyed', 'transferred'],
  released_on_terms: ['returned', 'forfeited'],
  forfeited: ['sold', 'destroyed', 'transferred', 'returned'],
  returned: [],
  sold: [],
  destroyed: [],
  transferred: [],
};

/** Final dispositions: the goods have left the agency's custody; their items take no more movements. */
export const FINAL_DISPOSITIONS: readonly Disposition[] = ['returned', 'sold', 'destroyed', 'transferred'];

/** The owner may ask for a review of a seizure within this many days of it (Customs Act s. 129: 90 days). */
export const SEIZURE_REVIEW_WINDOW_DAYS = 90;

/** Units of a seized goods line's (integer) quantity. */
export const QUANTITY_UNITS = [
  'piece',
  'set',
  'pair',
  'box',
  'carton',
  'pallet',
  'crate',
  'container',
  'roll',
  'reel',
  'kg',
  'tonne',
  'litre',
  'metre',
  'square_metre',
  'cubic_metre',
] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

/** Why a seized item moves in its chain of custody. */
export const CUSTODY_PURPOSES = ['analysis', 'storage', 'court', 'return', 'transfer', 'other'] as const;
export type CustodyPurpose = (typeof CUSTODY_PURPOSES)[number];

/** Columns the seizure list can sort by; each has an index (see migration 004). */
export const SEIZURE_SORT_COLUMNS = ['seizureNumber', 'seizedAt', 'disposition', 'reviewWindowEndsOn', 'updatedAt'] as const;
export type SeizureSortColumn = (typeof SEIZURE_SORT_COLUMNS)[number];

// --- Detentions, monetary penalties, deadlines (migration 005) --------------------------------

/** What a detention holds: goods, a whole shipment, or (in some cases) a person. */
export const DETENTION_SUBJECTS = ['goods', 'shipment', 'person'] as const;
export type DetentionSubject = (typeof DETENTION_SUBJECTS)[number];

/** How a detention ends. An ended detention has both an outcome and an end time. */
export const DETENTION_OUTCOMES = ['released', 'seized', 'returned_to_exporter'] as const;
export type DetentionOutcome = (typeof DETENTION_OUTCOMES)[number];

/** A detention's review is due this many days after it starts, unless the officer sets another date. */
export const DETENTION_REVIEW_DAYS = 30;
/** A technical assessment's answer is due this many days after the referral, unless set. */
export const TECHNICAL_ASSESSMENT_DAYS = 30;

/** What the officer asks the exporter for while goods are detained. */
export const INFO_REQUEST_KINDS = ['item_list', 'specifications', 'end_use_certificate', 'other'] as const;
export type InfoRequestKind = (typeof INFO_REQUEST_KINDS)[number];

/** Columns the detention list can sort by; each has an index (see migration 005). */
export const DETENTION_SORT_COLUMNS = ['startedAt', 'reviewDueOn', 'detentionNumber'] as const;
export type DetentionSortColumn = (typeof DETENTION_SORT_COLUMNS)[number];

/** The detention list's state filter: not ended, ended, or with something overdue. */
export const DETENTION_STATES = ['open', 'ended', 'overdue'] as const;
export type DetentionState = (typeof DETENTION_STATES)[number];

/** Prior contraventions: the amount of a penalty usually escalates with the level. */
export const PENALTY_LEVELS = ['first', 'second', 'third_or_later'] as const;
export type PenaltyLevel = (typeof PENALTY_LEVELS)[number];

export const PENALTY_STATUSES = ['issued', 'partly_paid', 'under_review', 'reduced', 'paid', 'cancelled', 'written_off'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];

/**
 * Every status move a penalty can make; anything else is refused with `invalid_transition`.
 * Conditions on top of the table (db/services/penalties.ts):
 * - `partly_paid` and `paid` follow payments: recording a payment moves an issued or reduced
 *   penalty to partly_paid, and any penalty whose balance reaches 0 to paid. By hand, `paid`
 *   needs a balance of 0, and `partly_paid` is only the end of a review of a penalty with payments.
 * - `issued` by hand is only the end of a review of a penalty without payments.
 * - `reduced` needs a new amount lower than the current one (and not below what was paid) and a
 *   reason; a reduced penalty may be reduced again. `cancelled` and `written_off` need a reason.
 * - paid, cancelled and written_off are final.
 */
export const PENALTY_TRANSITIONS: Record<PenaltyStatus, readonly PenaltyStatus[]> = {
  issued: ['partly_paid', 'paid', 'under_review', 'reduced', 'cancelled', 'written_off'],
  partly_paid: ['paid', 'under_review', 'reduced', 'written_off'],
  under_review: ['issued', 'partly_paid', 'paid', 'reduced', 'cancelled', 'written_off'],
  reduced: ['reduced', 'partly_paid', 'paid', 'under_review', 'written_off'],
  paid: [],
  cancelled: [],
  written_off: [],
};

/** Final statuses: nothing is owed any more, and no payment is taken. */
export const PENALTY_FINAL_STATUSES: readonly PenaltyStatus[] = ['paid', 'cancelled', 'written_off'];
/** Statuses that penalties.setStatus accepts only with a reason. */
export const PENALTY_REASON_REQUIRED: readonly PenaltyStatus[] = ['reduced', 'cancelled', 'written_off'];

export const PAYMENT_METHODS = ['cheque', 'wire', 'card', 'cash', 'set_off', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A penalty is due this many days after it is assessed, unless the notice says otherwise. */
export const PENALTY_PAYMENT_DAYS = 30;
/** The penalized party may ask for a correction within this many days of the assessment. */
export const PENALTY_CORRECTION_DAYS = 30;
/** ... and for a formal review within this many days. */
export const PENALTY_REVIEW_DAYS = 90;

/** Columns the penalty list can sort by; each has an index (see migration 005). */
export const PENALTY_SORT_COLUMNS = ['noticeNumber', 'assessedOn', 'dueOn', 'amount', 'balance', 'status'] as const;
export type PenaltySortColumn = (typeof PENALTY_SORT_COLUMNS)[number];

/**
 * Limitation periods, counted from the contravention (the case's contravention date, else its
 * opening date): a customs seizure within 6 years; a U.S. administrative export case within 5.
 */
export const CUSTOMS_LIMITATION_YEARS = 6;
export const US_EXPORT_LIMITATION_YEARS = 5;
/**
 * A case falls under the U.S. rule when its legal authorities cite the U.S. Code or the Code of
 * Federal Regulations (the EAR), or a U.S. export-enforcement agency leads it. The same test is an
 * SQL expression in db/limitation-sql.ts, which the cases_limitation_met index holds (kept in step by test/deadlines.test.ts).
 */
export const US_AUTHORITY_MARKERS = ['U.S.C.', 'C.F.R.'] as const;
export const US_AGENCY_MARKERS = ['BIS', 'Bureau of Industry and Security', 'HSI', 'Homeland Security'] as const;

export function limitationYears(c: { legalAuthorities: string; agency: string }): number {
  const us =
    US_AUTHORITY_MARKERS.some((m) => c.legalAuthorities.includes(m)) || US_AGENCY_MARKERS.some((m) => c.agency.includes(m));
  return us ? US_EXPORT_LIMITATION_YEARS : CUSTOMS_LIMITATION_YEARS;
}

/** What a deadline is about; `overdue` applies to obligations, not to windows (see DEADLINE_WINDOWS). */
export const DEADLINE_KINDS = [
  'detention_review',
  'info_request',
  'technical_assessment',
  'penalty_due',
  'penalty_correction_window',
  'penalty_review_window',
  'seizure_review_window',
  'limitation',
  'check_scheduled',
  'audit_report',
  'corrective_action',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * Windows (a period in which the other party may ask for something) are never overdue: once
 * they end, they have lapsed and count as done.
 */
export const DEADLINE_WINDOWS: readonly DeadlineKind[] = [
  'penalty_correction_window',
  'penalty_review_window',
  'seizure_review_window',
];

/** The kinds of long work that run as jobs in a worker (db/jobs/kinds.ts holds their bodies). */
export const JOB_KINDS = [
  'check',
  'seed',
  'duplicates',
  'export',
  'printRecord',
  'verifyPackage',
  'inspectPackage',
  'importPackage',
  'importList',
  'rebuildSearch',
  'extractText',
  'screen',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** What a job says it is doing (the UI names each step from its catalogs). */
export const JOB_STEPS = [
  'integrity_check',
  'foreign_key_check',
  'audit_trail',
  'record_states',
  'unaudited_rows',
  'evidence_files',
  'seed_cases',
  'seed_entities',
  'seed_seizures',
  'seed_enforcement',
  'duplicates_names',
  'duplicates_identifiers',
  'duplicates_scoring',
  'export_packing',
  'verify_package',
  'package_verify',
  'package_evidence',
  'package_records',
  'screening_read',
  'screening_write',
  'search_rebuild',
  'evidence_text',
  'screening_entities',
] as const;
export type JobStep = (typeof JOB_STEPS)[number];

// --- End-use checks, inspections, compliance audits (migration 017) ---------------------------

/** A pre-license check (before a licence or permit is granted) or a post-shipment verification (after export). */
export const CHECK_TYPES = ['pre_license', 'post_shipment'] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

/** The party an end-use check is about. */
export const CHECK_PARTY_ROLES = ['end_user', 'consignee', 'intermediate_consignee'] as const;
export type CheckPartyRole = (typeof CHECK_PARTY_ROLES)[number];

/** Who conducts a check: an export control officer, a post (mission) abroad, or embassy staff. */
export const CHECK_CONDUCTORS = ['export_control_officer', 'post', 'embassy'] as const;
export type CheckConductor = (typeof CHECK_CONDUCTORS)[number];

export const CHECK_METHODS = ['on_site', 'documents'] as const;
export type CheckMethod = (typeof CHECK_METHODS)[number];

export const CHECK_STATUSES = ['requested', 'scheduled', 'completed', 'cancelled'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** Allowed status moves of an end-use check (a scheduled check may be rescheduled); anything else is refused. */
export const CHECK_TRANSITIONS: Record<CheckStatus, readonly CheckStatus[]> = {
  requested: ['scheduled', 'completed', 'cancelled'],
  scheduled: ['scheduled', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const CHECK_OUTCOMES = ['favorable', 'unfavorable', 'unable_to_verify'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** Why a check could not verify the party: no access, the party was not found, or it refused. */
export const UNVERIFIED_REASONS = ['no_access', 'party_not_found', 'refused'] as const;
export type UnverifiedReason = (typeof UNVERIFIED_REASONS)[number];

/** The four things a check verifies; each is confirmed, not confirmed, or (null) not looked at. */
export const CHECK_POINTS = ['goodsPresent', 'usedAsDeclared', 'atDeclaredPlace', 'byDeclaredEndUser'] as const;
export type CheckPoint = (typeof CHECK_POINTS)[number];
export const CHECK_POINT_ANSWERS = ['confirmed', 'not_confirmed'] as const;
export type CheckPointAnswer = (typeof CHECK_POINT_ANSWERS)[number];

/** What an unfavorable or unverified check leads to, in one step. */
export const CHECK_FOLLOW_UPS = ['open_case', 'add_to_case', 'list_candidate'] as const;
export type CheckFollowUp = (typeof CHECK_FOLLOW_UPS)[number];

export const CHECK_SORT_COLUMNS = ['checkNumber', 'requestedOn', 'scheduledOn', 'status'] as const;
export type CheckSortColumn = (typeof CHECK_SORT_COLUMNS)[number];

/** Where a shipment is examined. */
export const INSPECTION_PLACE_KINDS = ['port', 'terminal', 'airport', 'border_crossing'] as const;
export type InspectionPlaceKind = (typeof INSPECTION_PLACE_KINDS)[number];

/** Why a shipment was selected for examination. */
export const INSPECTION_SELECTIONS = ['targeting_rule', 'intelligence', 'partner_request', 'random'] as const;
export type InspectionSelection = (typeof INSPECTION_SELECTIONS)[number];

/** What an examination looked at. */
export const INSPECTION_EXAMINED = ['documents', 'goods', 'seals', 'conveyance'] as const;
export type InspectionExamined = (typeof INSPECTION_EXAMINED)[number];

export const INSPECTION_STATUSES = ['in_progress', 'completed', 'cancelled'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

export const INSPECTION_TRANSITIONS: Record<InspectionStatus, readonly InspectionStatus[]> = {
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** An examination's result; "detained" and "seized" create the detention or the seizure with it. */
export const INSPECTION_RESULTS = ['no_discrepancy', 'discrepancy_noted', 'goods_detained', 'goods_seized'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

export const INSPECTION_SORT_COLUMNS = ['inspectionNumber', 'inspectedAt', 'status'] as const;
export type InspectionSortColumn = (typeof INSPECTION_SORT_COLUMNS)[number];

export const AUDIT_STATUSES = ['notified', 'on_site', 'reported', 'cancelled'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** A compliance audit is notified, visited on site (or not: a desk audit), then reported with its outcome. */
export const AUDIT_TRANSITIONS: Record<AuditStatus, readonly AuditStatus[]> = {
  notified: ['on_site', 'reported', 'cancelled'],
  on_site: ['reported', 'cancelled'],
  reported: [],
  cancelled: [],
};

export const AUDIT_OUTCOMES = ['compliant', 'compliant_with_actions', 'non_compliant'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What a non-compliant audit leads to: a monetary penalty, or a referral for prosecution. */
export const AUDIT_CONSEQUENCES = ['penalty', 'referral'] as const;
export type AuditConsequence = (typeof AUDIT_CONSEQUENCES)[number];

export const FINDING_SEVERITIES = ['minor', 'moderate', 'major', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** An audit's report is due this many days after the audit was notified, unless set. */
export const AUDIT_REPORT_DAYS = 90;

export const AUDIT_SORT_COLUMNS = ['auditNumber', 'notifiedOn', 'reportDueOn', 'status'] as const;
export type AuditSortColumn = (typeof AUDIT_SORT_COLUMNS)[number];
