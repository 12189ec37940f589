import type { Migration } from './index.ts';

/**
 * A case's limitation period is met once the case is referred for prosecution (not only when it
 * is closed): the deadline index leads with that. The SQL is a frozen copy of
 * db/limitation-sql.ts as it stood when this migration shipped.
 */
const YEARS = `(CASE WHEN instr(legal_authorities, 'U.S.C.') > 0 OR instr(legal_authorities, 'C.F.R.') > 0
  OR instr(agency, 'BIS') > 0 OR instr(agency, 'Bureau of Industry and Security') > 0
  OR instr(agency, 'HSI') > 0 OR instr(agency, 'Homeland Security') > 0 THEN 5 ELSE 6 END)`;
const DUE = `date(coalesce(contravention_on, opened_on), '+' || ${YEARS} || ' years')`;
const MET = `(status IN ('referred_for_prosecution', 'closed'))`;

export const m006LimitationMet: Migration = {
  version: 6,
  name: 'limitation periods met on referral for prosecution',
  up(db) {
    db.exec(`
      DROP INDEX cases_limitation;
      CREATE INDEX cases_limitation_met ON cases (${MET}, ${DUE});
    `);
  },
};
