/**
 * The message catalogs, one pair of files per feature so that features add strings without
 * touching each other's files. French is typed as the English catalog: a missing key fails the build.
 */
import coreEn from './core.en.json';
import coreFr from './core.fr.json';
import auditEn from './audit.en.json';
import auditFr from './audit.fr.json';
import enforcementEn from './enforcement.en.json';
import enforcementFr from './enforcement.fr.json';
import entitiesEn from './entities.en.json';
import entitiesFr from './entities.fr.json';
import evidenceEn from './evidence.en.json';
import evidenceFr from './evidence.fr.json';
import profileEn from './profile.en.json';
import seizuresEn from './seizures.en.json';
import seizuresFr from './seizures.fr.json';
import profileFr from './profile.fr.json';
import chartEn from './chart.en.json';
import chartFr from './chart.fr.json';
import reasonsEn from './reasons.en.json';
import reasonsFr from './reasons.fr.json';
import duplicatesEn from './duplicates.en.json';
import packageEn from './package.en.json';
import packageFr from './package.fr.json';
import duplicatesFr from './duplicates.fr.json';
import analysisEn from './analysis.en.json';
import analysisFr from './analysis.fr.json';
import importEn from './import.en.json';
import importFr from './import.fr.json';
import screeningEn from './screening.en.json';
import screeningFr from './screening.fr.json';
import searchEn from './search.en.json';
import searchFr from './search.fr.json';
import verificationsEn from './verifications.en.json';
import verificationsFr from './verifications.fr.json';
import checksEn from './checks.en.json';
import checksFr from './checks.fr.json';
import inspectionsEn from './inspections.en.json';
import inspectionsFr from './inspections.fr.json';
import complianceEn from './compliance.en.json';
import complianceFr from './compliance.fr.json';

/** reasons: the contract's refusals, `reason.<code>` with the refusal's params (db/errors.ts). */
export const en = {
  ...coreEn,
  ...profileEn,
  ...evidenceEn,
  ...auditEn,
  ...entitiesEn,
  ...seizuresEn,
  ...enforcementEn,
  ...chartEn,
  ...duplicatesEn,
  ...packageEn,
  ...analysisEn,
  ...importEn,
  ...screeningEn,
  ...searchEn,
  ...verificationsEn,
  ...checksEn,
  ...inspectionsEn,
  ...complianceEn,
  ...reasonsEn,
};
export type MessageId = keyof typeof en;

export const fr: Record<MessageId, string> = {
  ...coreFr,
  ...profileFr,
  ...evidenceFr,
  ...auditFr,
  ...entitiesFr,
  ...seizuresFr,
  ...enforcementFr,
  ...chartFr,
  ...duplicatesFr,
  ...packageFr,
  ...analysisFr,
  ...importFr,
  ...screeningFr,
  ...searchFr,
  ...verificationsFr,
  ...checksFr,
  ...inspectionsFr,
  ...complianceFr,
  ...reasonsFr,
};
