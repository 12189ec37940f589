/**
 * Types of the contract for clients (renderer, preload). Type-only imports: nothing of
 * SQLite or Node reaches a bundle that imports this file.
 */
import type { z } from 'zod';
import type { methods } from './methods/index.ts';

export type { Envelope, ErrorBody, ErrorCode, ReasonParams } from './errors.ts';
export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = ReturnType<Methods[M]['handler']>;
export type { Case, CaseListRow } from './services/cases.ts';
export type { Settings, Profile } from './services/settings.ts';
export type { Entity, EntitySummary, EntityListRow } from './services/entities.ts';
export type { EntityLink, EntityLinkView } from './services/entity-links.ts';
export type { CaseEntity, EntityCaseRole } from './services/case-entities.ts';
export type { EntityView } from './services/entity-view.ts';
export type { Evidence } from './services/evidence.ts';
export type { AuditEntry, AuditChange } from './services/audit.ts';
export type {
  Seizure,
  SeizureDetail,
  SeizedItem,
  SeizedItemView,
  SeizureListRow,
  CaseSeizureTotals,
  MoneyTotal,
  TermsOfRelease,
} from './services/seizures.ts';
export type { CustodyEntry, CustodyEntryView, CustodyChain } from './services/custody.ts';
export type { Detention, DetentionDetail, DetentionListRow, DetentionOverdue, InfoRequest } from './services/detentions.ts';
export type { Penalty, PenaltyDetail, PenaltyListRow, Payment, PenaltyTotals } from './services/penalties.ts';
export type { Deadline, DeadlinePage, DeadlineRecordType } from './services/deadlines.ts';
export type { CaseOverview } from './services/case-overview.ts';
export type { JobState, JobStatus } from './jobs/runner.ts';
export type { JobProgress } from './jobs/protocol.ts';
export type { CheckReport } from './check.ts';
export type { ChainHead } from './chain.ts';
export type { Anchor } from './signing.ts';
export type {
  DuplicateList,
  DuplicatePair,
  DuplicateReason,
  DuplicateSide,
  DuplicateSearchResult,
} from './services/duplicates.ts';
export type { EntityMerge } from './services/merge.ts';
export type { WhereElseCase, WhereElseResult, WhereElseShared, WhereElseTruncation } from './services/where-else.ts';
export type { CaseTimeline, TimelineEvent } from './services/timeline.ts';
export type { ListImportOutcome, ListImportResult, ScreeningListSummary } from './services/screening-lists.ts';
export type { ListJobResult } from './screening/import-job.ts';
export type { CheckDetail, CheckGoodsLine, CheckListRow, EndUseCheck } from './services/checks.ts';
export type { Inspection, InspectionDetail, InspectionEvidence, InspectionListRow } from './services/inspections.ts';
export type { AuditDetail, AuditFinding, AuditListRow, ComplianceAudit, CorrectiveAction } from './services/compliance-audits.ts';
export type { RecordOrigin } from './services/origin.ts';
