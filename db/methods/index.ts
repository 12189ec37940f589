import type { AnyMethod } from '../contract.ts';
import { caseMethods } from './cases.ts';
import { settingsMethods } from './settings.ts';
import { entityMethods } from './entities.ts';
import { evidenceMethods } from './evidence.ts';
import { auditMethods } from './audit.ts';
import { seizureMethods } from './seizures.ts';
import { detentionMethods } from './detentions.ts';
import { penaltyMethods } from './penalties.ts';
import { deadlineMethods } from './deadlines.ts';
import { jobMethods } from './jobs.ts';
import { duplicateMethods } from './duplicates.ts';
import { graphMethods } from './graph.ts';
import { analysisMethods } from './analysis.ts';
import { packageMethods } from './packages.ts';
import { listMethods } from './lists.ts';
import { searchMethods } from './search.ts';
import { screeningMethods } from './screening.ts';
import { checkMethods } from './checks.ts';
import { inspectionMethods } from './inspections.ts';
import { complianceAuditMethods } from './compliance-audits.ts';
import { verificationMethods } from './verifications.ts';

/** Every operation Dossier offers, by name. IPC, HTTP and the CLI all dispatch through this table. */
export const methods = {
  ...caseMethods,
  ...settingsMethods,
  ...entityMethods,
  ...evidenceMethods,
  ...auditMethods,
  ...seizureMethods,
  ...detentionMethods,
  ...penaltyMethods,
  ...deadlineMethods,
  ...jobMethods,
  ...duplicateMethods,
  ...graphMethods,
  ...analysisMethods,
  ...packageMethods,
  ...listMethods,
  ...searchMethods,
  ...screeningMethods,
  ...checkMethods,
  ...inspectionMethods,
  ...complianceAuditMethods,
  ...verificationMethods,
} satisfies Record<string, AnyMethod>;
