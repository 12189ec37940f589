/**
 * The limitation period of a case as SQL over `cases`, for the deadline list and the case overview.
 * The years: 5 for a U.S. administrative export case, 6 for a customs case (limitationYears in
 * db/domain.ts says the same in TypeScript, and a test holds them together). The end: that many
 * years from the contravention, else from the opening. Met once the case is referred for
 * prosecution or closed. The deadline list queries with this very text so that SQLite matches it
 * to the `cases_limitation_met` index; a migration that indexes it keeps its own frozen copy.
 */
export const LIMITATION_YEARS_SQL = `(CASE WHEN instr(legal_authorities, 'U.S.C.') > 0 OR instr(legal_authorities, 'C.F.R.') > 0
  OR instr(agency, 'BIS') > 0 OR instr(agency, 'Bureau of Industry and Security') > 0
  OR instr(agency, 'HSI') > 0 OR instr(agency, 'Homeland Security') > 0 THEN 5 ELSE 6 END)`;
export const LIMITATION_DUE_SQL = `date(coalesce(contravention_on, opened_on), '+' || ${LIMITATION_YEARS_SQL} || ' years')`;
export const LIMITATION_MET_SQL = `(status IN ('referred_for_prosecution', 'closed'))`;
