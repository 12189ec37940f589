import { z } from 'zod';
import { multiline } from '../shared/text.ts';
import {
  AUDIT_CONSEQUENCES,
  AUDIT_OUTCOMES,
  AUDIT_STATUSES,
  CASE_ROLES,
  CASE_STATUSES,
  CHECK_CONDUCTORS,
  CHECK_METHODS,
  CHECK_OUTCOMES,
  CHECK_PARTY_ROLES,
  CHECK_POINT_ANSWERS,
  CHECK_STATUSES,
  CHECK_TYPES,
  FINDING_SEVERITIES,
  INSPECTION_EXAMINED,
  INSPECTION_PLACE_KINDS,
  INSPECTION_RESULTS,
  INSPECTION_SELECTIONS,
  INSPECTION_STATUSES,
  UNVERIFIED_REASONS,
  CUSTODY_PURPOSES,
  DETENTION_OUTCOMES,
  DETENTION_SUBJECTS,
  DISPOSITIONS,
  ENTITY_KINDS,
  EVIDENCE_SUBJECT_TYPES,
  INFO_REQUEST_KINDS,
  LINK_CONFIDENCES,
  LINK_TYPES,
  PAYMENT_METHODS,
  PENALTY_LEVELS,
  PENALTY_STATUSES,
  PRIORITIES,
  QUANTITY_UNITS,
  SECURITY_MARKINGS,
  VIOLATION_TYPES,
} from '../shared/domain.ts';
import { CASE_DATA_PROFILES, CASE_DATA_SCHEMA_VERSION, type CaseData } from './case-data.ts';

/**
 * What an import accepts as a package's case.json: the shape db/package/case-data.ts writes,
 * checked field by field before anything is written, so that a package made by hand (a bag any
 * tool can make valid) is refused with the field that is wrong, never half-imported. Values are
 * kept exactly as written (no transform): an imported record is the record that was exported.
 * The `audit` and `timeline` parts are not imported (the audit extract is kept as it came; the
 * timeline is derived from the records) and are only checked to be lists.
 */

const YEARS = { min: 1900, max: 2200 };
const inYears = (v: string) => {
  const year = Number(v.slice(0, 4));
  return year >= YEARS.min && year <= YEARS.max;
};
/** A UTC instant as Dossier stores it: 24 characters, milliseconds, Z. */
const instant = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  .refine((v) => !Number.isNaN(Date.parse(v)) && inYears(v));
const day = z.iso.date().refine(inYears);
const id = z.uuid();
const line = (max: number) => z.string().max(max);
const required = (max: number) => z.string().min(1).max(max);
const text = (max: number) => multiline(z.string().max(max));
const int = (min = 0) => z.int().min(min).max(Number.MAX_SAFE_INTEGER);
const money = z.strictObject({ amountMinor: int(), currency: z.string().regex(/^[A-Z]{3}$/) });
const country = z.string().regex(/^[A-Z]{2}$/);
const stamps = { createdAt: instant, updatedAt: instant };

const caseSchema = z.strictObject({
  id,
  fileNumber: required(50),
  title: required(300),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  leadInvestigator: line(200),
  agency: line(200),
  partnerAgencies: z.array(line(200)).max(50),
  violationType: z.enum(VIOLATION_TYPES).nullable(),
  legalAuthorities: text(5000),
  securityMarking: z.enum(SECURITY_MARKINGS),
  summary: text(20000),
  notes: text(200000),
  openedOn: day,
  closedOn: day.nullable(),
  contraventionOn: day.nullable(),
  ...stamps,
  version: int(1),
});

const roleSchema = z.strictObject({ id, role: z.enum(CASE_ROLES), notes: text(20000), ...stamps });

const partySchema = z.strictObject({
  as: line(50),
  recordType: z.enum(['seizure', 'detention', 'penalty']),
  recordId: id,
  number: line(50),
});

/** The kind's own fields are checked by the entity schema itself (db/shared/inputs/entities.ts) when the row is made. */
const entitySchema = z.looseObject({
  id,
  kind: z.enum(ENTITY_KINDS),
  name: required(300),
  notes: text(20000),
  ...stamps,
  version: int(1),
  mergedInto: id.nullable(),
  hop: z.union([z.literal(0), z.literal(1)]),
  roles: z.array(roleSchema).max(10000),
  parties: z.array(partySchema).max(100000),
});

const linkSchema = z.strictObject({
  id,
  type: z.enum(LINK_TYPES),
  fromId: id,
  toId: id,
  shareBp: z.int().min(0).max(10000).nullable(),
  source: required(500),
  sourceEvidenceId: id.nullable(),
  confidence: z.enum(LINK_CONFIDENCES),
  validFrom: day.nullable(),
  validTo: day.nullable(),
  notes: text(20000),
  ...stamps,
  version: int(1),
});

const entrySchema = z.strictObject({
  seq: int(1),
  id,
  itemId: id,
  at: instant,
  releasedBy: required(200),
  receivedBy: required(200),
  fromLocation: required(300),
  toLocation: required(300),
  purpose: z.enum(CUSTODY_PURPOSES),
  condition: line(500),
  sealNumbers: z.array(line(100)).max(100),
  notes: text(5000),
  correctsEntryId: id.nullable(),
  recordedAt: instant,
  recordedBy: line(200),
  recordedByBadge: line(100),
  effective: z.boolean(),
  supersededBy: id.nullable(),
  slot: int(1).nullable(),
});

const itemSchema = z.strictObject({
  id,
  seizureId: id,
  itemNumber: int(1),
  description: required(1000),
  quantity: int(1),
  unit: z.enum(QUANTITY_UNITS),
  hsCode: z
    .string()
    .regex(/^\d{6}(\d{2}){0,2}$/)
    .nullable(),
  eccn: line(50).nullable(),
  originCountry: country.nullable(),
  value: money,
  sealNumbers: z.array(line(100)).max(100),
  initialCustodian: required(200),
  initialLocation: required(300),
  createdAt: instant,
  custody: z.strictObject({
    origin: z.strictObject({ at: instant, custodian: line(200), location: line(300) }),
    current: z.strictObject({ custodian: line(200), location: line(300), since: instant }),
    breaks: z.array(z.unknown()).max(100000),
    entries: z.array(entrySchema).max(100000),
  }),
});

const seizureSchema = z.strictObject({
  id,
  caseId: id,
  seizureNumber: required(50),
  seizedAt: instant,
  seizedOn: day,
  place: required(300),
  seizingOfficer: required(200),
  seizedFromEntityId: id.nullable(),
  ownerEntityId: id.nullable(),
  claimantEntityIds: z.array(id).max(100),
  legalProvision: line(500),
  conveyanceEntityId: id.nullable(),
  storageLocation: line(300),
  custodian: line(200),
  termsOfRelease: z.strictObject({ amount: money.nullable(), security: text(2000).nullable() }).nullable(),
  ascertainedForfeiture: money.nullable(),
  disposition: z.enum(DISPOSITIONS),
  dispositionOn: day.nullable(),
  dispositionAuthority: line(500).nullable(),
  reviewWindowEndsOn: day,
  notes: text(20000),
  ...stamps,
  version: int(1),
  totals: z.array(z.strictObject({ currency: z.string(), amountMinor: int() })).max(1000),
  items: z.array(itemSchema).max(100000),
});

const requestSchema = z.strictObject({
  id,
  detentionId: id,
  caseId: id,
  kind: z.enum(INFO_REQUEST_KINDS),
  description: text(5000),
  requestedOn: day,
  dueOn: day,
  receivedOn: day.nullable(),
  closedOn: day.nullable(),
  ...stamps,
  version: int(1),
});

const detentionSchema = z.strictObject({
  id,
  caseId: id,
  detentionNumber: required(50),
  subject: z.enum(DETENTION_SUBJECTS),
  startedAt: instant,
  place: line(300),
  legalAuthority: line(500),
  exporterId: id.nullable(),
  consigneeId: id.nullable(),
  destinationCountry: country.nullable(),
  declaredPermit: line(100).nullable(),
  declaredEccn: line(50).nullable(),
  reason: text(5000),
  assessmentOffice: line(300).nullable(),
  referredOn: day.nullable(),
  assessmentDueOn: day.nullable(),
  assessmentAnsweredOn: day.nullable(),
  reviewDueOn: day,
  outcome: z.enum(DETENTION_OUTCOMES).nullable(),
  endedAt: instant.nullable(),
  notes: text(20000),
  ...stamps,
  version: int(1),
  requests: z.array(requestSchema).max(10000),
});

const paymentSchema = z.strictObject({
  id,
  penaltyId: id,
  caseId: id,
  paidOn: day,
  amountMinor: int(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  method: z.enum(PAYMENT_METHODS),
  reference: line(200),
  createdAt: instant,
});

const penaltySchema = z.strictObject({
  id,
  caseId: id,
  noticeNumber: required(50),
  contraventionCode: required(100),
  entityId: id,
  amountMinor: int(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  reducedAmountMinor: int(1).nullable(),
  reductionReason: text(2000).nullable(),
  reducedOn: day.nullable(),
  effectiveAmountMinor: int(),
  paidMinor: int(),
  balanceMinor: z.int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  assessedOn: day,
  dueOn: day,
  level: z.enum(PENALTY_LEVELS),
  status: z.enum(PENALTY_STATUSES),
  statusOn: day,
  statusReason: text(2000),
  notes: text(20000),
  correctionWindowEndsOn: day,
  reviewWindowEndsOn: day,
  ...stamps,
  version: int(1),
  payments: z.array(paymentSchema).max(10000),
});

const point = z.enum(CHECK_POINT_ANSWERS).nullable();
const checkGoodsSchema = z.strictObject({
  id,
  checkId: id,
  lineNo: int(1),
  description: required(1000),
  quantity: int(1).nullable(),
  unit: z.enum(QUANTITY_UNITS).nullable(),
  eccn: line(50).nullable(),
  hsCode: z
    .string()
    .regex(/^\d{6}(\d{2}){0,2}$/)
    .nullable(),
  seizedItemId: id.nullable(),
  ...stamps,
  version: int(1),
});

const checkSchema = z.strictObject({
  id,
  caseId: id,
  checkNumber: required(50),
  checkType: z.enum(CHECK_TYPES),
  partyId: id,
  partyRole: z.enum(CHECK_PARTY_ROLES),
  licenceNumber: line(100).nullable(),
  country,
  conductedBy: z.enum(CHECK_CONDUCTORS),
  conductor: line(200),
  method: z.enum(CHECK_METHODS),
  requestedOn: day,
  scheduledOn: day.nullable(),
  conductedOn: day.nullable(),
  goodsPresent: point,
  usedAsDeclared: point,
  atDeclaredPlace: point,
  byDeclaredEndUser: point,
  findings: text(20000),
  status: z.enum(CHECK_STATUSES),
  statusReason: text(2000),
  outcome: z.enum(CHECK_OUTCOMES).nullable(),
  unverifiedReason: z.enum(UNVERIFIED_REASONS).nullable(),
  followUpCaseId: id.nullable(),
  listCandidateOn: day.nullable(),
  listCandidateReason: text(2000).nullable(),
  notes: text(20000),
  ...stamps,
  version: int(1),
  goods: z.array(checkGoodsSchema).max(10000),
});

const inspectionSchema = z.strictObject({
  id,
  caseId: id,
  inspectionNumber: required(50),
  placeKind: z.enum(INSPECTION_PLACE_KINDS),
  place: required(300),
  inspectedAt: instant,
  shipmentReference: line(200),
  exporterId: id.nullable(),
  consigneeId: id.nullable(),
  conveyanceId: id.nullable(),
  officer: required(200),
  selection: z.enum(INSPECTION_SELECTIONS),
  selectionDetail: line(500),
  examined: z.array(z.enum(INSPECTION_EXAMINED)).max(INSPECTION_EXAMINED.length),
  sealsFound: line(500),
  sealsApplied: line(500),
  findings: text(20000),
  status: z.enum(INSPECTION_STATUSES),
  statusReason: text(2000),
  result: z.enum(INSPECTION_RESULTS).nullable(),
  completedAt: instant.nullable(),
  detentionId: id.nullable(),
  seizureId: id.nullable(),
  notes: text(20000),
  ...stamps,
  version: int(1),
  files: z.array(z.strictObject({ id, evidenceId: id, ...stamps, version: int(1) })).max(10000),
});

const findingSchema = z.strictObject({
  id,
  auditId: id,
  lineNo: int(1),
  severity: z.enum(FINDING_SEVERITIES),
  provision: line(300),
  description: required(5000),
  evidenceId: id.nullable(),
  ...stamps,
  version: int(1),
});

const actionSchema = z.strictObject({
  id,
  auditId: id,
  findingId: id.nullable(),
  description: required(5000),
  owner: required(200),
  dueOn: day,
  completedOn: day.nullable(),
  version: int(1),
  ...stamps,
});

const complianceAuditSchema = z.strictObject({
  id,
  caseId: id,
  auditNumber: required(50),
  partyId: id,
  periodFrom: day,
  periodTo: day,
  scope: text(5000),
  auditor: line(200),
  notifiedOn: day,
  onSiteOn: day.nullable(),
  reportDueOn: day,
  reportedOn: day.nullable(),
  status: z.enum(AUDIT_STATUSES),
  statusReason: text(2000),
  outcome: z.enum(AUDIT_OUTCOMES).nullable(),
  consequence: z.enum(AUDIT_CONSEQUENCES).nullable(),
  penaltyId: id.nullable(),
  notes: text(20000),
  ...stamps,
  version: int(1),
  findings: z.array(findingSchema).max(10000),
  actions: z.array(actionSchema).max(10000),
});

const evidenceSchema = z.strictObject({
  id,
  caseId: id,
  subjectType: z.enum(EVIDENCE_SUBJECT_TYPES),
  subjectId: id,
  originalName: required(255),
  mediaType: z.string().min(3).max(255),
  size: int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  acquiredAt: instant.nullable(),
  acquiredBy: line(200),
  acquiredFrom: line(300),
  description: text(5000),
  addedAt: instant,
  addedBy: line(200),
  addedByBadge: line(100),
  retiredAt: instant.nullable(),
  retiredBy: line(200).nullable(),
  retiredByBadge: line(100).nullable(),
  retiredReason: text(2000).nullable(),
});

const withheldSchema = z.strictObject({
  what: line(2000),
  why: line(500),
  recordType: line(50),
  recordId: id,
  label: line(2000),
  field: line(50).nullable(),
  reason: z.enum(['narrative_notes', 'unconfirmed_link']),
});

/** case.json without its audit and timeline parts (those are checked apart: see packageCaseJson). */
export const packageCaseSchema = z.strictObject({
  packageId: id,
  exportedAt: instant,
  dossierVersion: line(50),
  schemaVersion: z.literal(CASE_DATA_SCHEMA_VERSION),
  profile: z.enum(CASE_DATA_PROFILES),
  case: caseSchema,
  entities: z.array(entitySchema).max(100000),
  links: z.array(linkSchema).max(1000000),
  seizures: z.array(seizureSchema).max(100000),
  detentions: z.array(detentionSchema).max(100000),
  penalties: z.array(penaltySchema).max(100000),
  // Packages made before migration 017 have none of these: an empty list.
  checks: z.array(checkSchema).max(100000).default([]),
  inspections: z.array(inspectionSchema).max(100000).default([]),
  complianceAudits: z.array(complianceAuditSchema).max(100000).default([]),
  evidence: z.array(evidenceSchema).max(1000000),
  withheld: z.array(withheldSchema).max(1000000),
});

export type PackageCase = z.output<typeof packageCaseSchema>;
export type PackageEntity = PackageCase['entities'][number];
export type PackageSeizure = PackageCase['seizures'][number];
export type PackageItem = PackageSeizure['items'][number];
export type PackageEntry = PackageItem['custody']['entries'][number];
export type PackageWithheld = PackageCase['withheld'][number];

export const auditAndTimeline = z.strictObject({
  audit: z.array(z.unknown()),
  timeline: z.strictObject({ events: z.array(z.unknown()), truncated: z.boolean() }),
});

/** The entity's fields this schema names (it also holds the kind's own, checked when the row is made). */
type NamedEntityFields = Pick<
  PackageEntity,
  'id' | 'kind' | 'name' | 'notes' | 'createdAt' | 'updatedAt' | 'version' | 'mergedInto' | 'hop' | 'roles' | 'parties'
>;

/**
 * What case-data.ts writes must fit what is read here: a field changed there without its twin
 * here fails the type check (a field added there is refused by the strict schemas at import, and
 * the round-trip test says which).
 */
export type WrittenFitsRead =
  Omit<CaseData, 'audit' | 'timeline' | 'entities'> extends Omit<
    PackageCase,
    'packageId' | 'exportedAt' | 'dossierVersion' | 'entities'
  >
    ? CaseData['entities'][number] extends NamedEntityFields
      ? true
      : never
    : never;
export const writtenFitsRead: WrittenFitsRead = true;
