import { H2 } from '@blueprintjs/core';
import { useT } from '../../i18n/index.tsx';
import { CheckTable } from '../checks/CheckTable.tsx';
import { InspectionTable } from '../inspections/InspectionTable.tsx';
import { AuditTable } from '../audits/AuditTable.tsx';

/** A case's end-use checks, inspections and compliance audits (the case page's Verifications tab). */
export function VerificationsTab({ caseId }: { caseId: string }) {
  const t = useT();
  return (
    <div className="tab-panel verifications-tab">
      <section aria-labelledby="verif-checks">
        <H2 id="verif-checks" className="section-title">
          {t('nav.checks')}
        </H2>
        <CheckTable caseId={caseId} />
      </section>
      <section aria-labelledby="verif-inspections">
        <H2 id="verif-inspections" className="section-title">
          {t('nav.inspections')}
        </H2>
        <InspectionTable caseId={caseId} />
      </section>
      <section aria-labelledby="verif-audits">
        <H2 id="verif-audits" className="section-title">
          {t('nav.audits')}
        </H2>
        <AuditTable caseId={caseId} />
      </section>
    </div>
  );
}
