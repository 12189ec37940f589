import type { Case } from '../../../../db/api.ts';
import type { Priority, SecurityMarking, ViolationType } from '../../../../db/shared/domain.ts';

/** The case form's state: what the user typed, kept as is until the contract accepts it. */
export interface CaseForm {
  title: string;
  priority: Priority;
  leadInvestigator: string;
  agency: string;
  partnerAgencies: string;
  violationType: ViolationType | '';
  legalAuthorities: string;
  securityMarking: SecurityMarking;
  summary: string;
  notes: string;
  openedOn: string;
  /** When the offence happened; '' when unknown (the limitation period then counts from the opening). */
  contraventionOn: string;
}

export const emptyCaseForm: CaseForm = {
  title: '',
  priority: 'medium',
  leadInvestigator: '',
  agency: '',
  partnerAgencies: '',
  violationType: '',
  legalAuthorities: '',
  securityMarking: 'protected_b',
  summary: '',
  notes: '',
  openedOn: '',
  contraventionOn: '',
};

export function formFromCase(c: Case): CaseForm {
  return {
    title: c.title,
    priority: c.priority,
    leadInvestigator: c.leadInvestigator,
    agency: c.agency,
    partnerAgencies: c.partnerAgencies.join('\n'),
    violationType: c.violationType ?? '',
    legalAuthorities: c.legalAuthorities,
    securityMarking: c.securityMarking,
    summary: c.summary,
    notes: c.notes,
    openedOn: c.openedOn,
    contraventionOn: c.contraventionOn ?? '',
  };
}

/** The contract's input for the form: blank optional fields are left to the contract's defaults. */
export function inputFromForm(form: CaseForm) {
  return {
    title: form.title,
    priority: form.priority,
    ...(form.leadInvestigator.trim() ? { leadInvestigator: form.leadInvestigator } : {}),
    agency: form.agency,
    partnerAgencies: form.partnerAgencies
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    violationType: form.violationType === '' ? null : form.violationType,
    legalAuthorities: form.legalAuthorities,
    securityMarking: form.securityMarking,
    summary: form.summary,
    notes: form.notes,
    ...(form.openedOn ? { openedOn: form.openedOn } : {}),
    contraventionOn: form.contraventionOn === '' ? null : form.contraventionOn,
  };
}
