import type { EntitySummary } from '../../../../db/api.ts';
import type {
  DetentionSubject,
  InspectionExamined,
  InspectionPlaceKind,
  InspectionResult,
  InspectionSelection,
} from '../../../../db/shared/domain.ts';
import type { Translate } from '../../i18n/index.tsx';
import { instantFromInput, localInput } from '../../lib/dates.ts';
import { orNull } from '../../lib/form.ts';
import type { FieldErrors } from '../../lib/validation.ts';
import { emptyLine, lineInput, lineLocal, linePaths, type LineForm } from '../seizures/seizureForm.ts';

/**
 * The result of an inspection as typed: the result itself and, for "goods detained", the few
 * fields of the detention it makes; for "goods seized", the seizure's provision, storage and
 * goods lines. The rest of the detention or seizure comes from the inspection.
 */
export interface ResultForm {
  /** '' while no result is given (the create dialog: still in progress). */
  result: InspectionResult | '';
  detSubject: DetentionSubject;
  detLegalAuthority: string;
  detEccn: string;
  /** A date input's value; blank for the contract's default (30 days after the start). */
  detReviewDueOn: string;
  szLegalProvision: string;
  szStorageLocation: string;
  lines: LineForm[];
}

export function emptyResult(): ResultForm {
  return {
    result: '',
    detSubject: 'shipment',
    detLegalAuthority: '',
    detEccn: '',
    detReviewDueOn: '',
    szLegalProvision: '',
    szStorageLocation: '',
    lines: [emptyLine()],
  };
}

/** Result keys whose errors the contract reports at another path. */
export const resultFieldOf = {
  detSubject: 'detention.subject',
  detLegalAuthority: 'detention.legalAuthority',
  detEccn: 'detention.declaredEccn',
  detReviewDueOn: 'detention.reviewDueOn',
  szLegalProvision: 'seizure.legalProvision',
  szStorageLocation: 'seizure.storageLocation',
} satisfies Partial<Record<keyof ResultForm, string>>;

/** The result fields of inspections.create / inspections.complete; nothing when no result is chosen. */
export function resultInput(v: ResultForm) {
  if (v.result === '') return {};
  return {
    result: v.result,
    ...(v.result === 'goods_detained'
      ? {
          detention: {
            subject: v.detSubject,
            legalAuthority: v.detLegalAuthority,
            declaredEccn: orNull(v.detEccn),
            ...(v.detReviewDueOn ? { reviewDueOn: v.detReviewDueOn } : {}),
          },
        }
      : {}),
    ...(v.result === 'goods_seized'
      ? {
          seizure: {
            legalProvision: v.szLegalProvision,
            storageLocation: v.szStorageLocation,
            items: v.lines.map((line) => lineInput(line)),
          },
        }
      : {}),
  };
}

/** What the schema cannot see in the goods lines (an amount or quantity that does not parse), at the contract's paths. */
export function resultLocal(v: ResultForm, t: Translate): FieldErrors {
  if (v.result !== 'goods_seized') return {};
  const local: FieldErrors = {};
  v.lines.forEach((line, i) => {
    for (const [path, message] of Object.entries(lineLocal(line, i, t))) local[`seizure.${path}`] = message;
  });
  return local;
}

/** The contract paths a change to a goods line's field can make wrong. */
export function goodsPaths(line: LineForm, index: number, field: keyof LineForm): string[] {
  return linePaths(line, index, field).map((p) => `seizure.${p}`);
}

/** The inspection as typed in the "Record an inspection" dialog. */
export interface InspectionForm extends ResultForm {
  inspectionNumber: string;
  placeKind: InspectionPlaceKind;
  place: string;
  /** A datetime-local value in the laptop's time zone. */
  inspectedAt: string;
  shipmentReference: string;
  exporter: EntitySummary | null;
  consignee: EntitySummary | null;
  conveyance: EntitySummary | null;
  officer: string;
  selection: InspectionSelection | '';
  selectionDetail: string;
  examined: InspectionExamined[];
  sealsFound: string;
  sealsApplied: string;
  findings: string;
}

export function emptyInspection(officer: string, now = new Date()): InspectionForm {
  return {
    ...emptyResult(),
    inspectionNumber: '',
    placeKind: 'port',
    place: '',
    inspectedAt: localInput(now),
    shipmentReference: '',
    exporter: null,
    consignee: null,
    conveyance: null,
    officer,
    selection: '',
    selectionDetail: '',
    examined: [],
    sealsFound: '',
    sealsApplied: '',
    findings: '',
  };
}

export const inspectionFieldOf = {
  ...resultFieldOf,
  exporter: 'exporterId',
  consignee: 'consigneeId',
  conveyance: 'conveyanceId',
} satisfies Partial<Record<keyof InspectionForm, string>>;

/** inspections.create's input from the form (the case is added by the dialog). */
export function inspectionInput(v: InspectionForm) {
  return {
    ...(v.inspectionNumber.trim() ? { inspectionNumber: v.inspectionNumber } : {}),
    placeKind: v.placeKind,
    place: v.place,
    ...(v.inspectedAt ? { inspectedAt: instantFromInput(v.inspectedAt) } : {}),
    shipmentReference: v.shipmentReference,
    exporterId: v.exporter?.id ?? null,
    consigneeId: v.consignee?.id ?? null,
    conveyanceId: v.conveyance?.id ?? null,
    ...(v.officer.trim() ? { officer: v.officer } : {}),
    ...(v.selection ? { selection: v.selection } : {}),
    selectionDetail: v.selectionDetail,
    examined: v.examined,
    sealsFound: v.sealsFound,
    sealsApplied: v.sealsApplied,
    findings: v.findings,
    ...resultInput(v),
  };
}

export function inspectionLocal(v: InspectionForm, t: Translate): FieldErrors {
  return { ...(v.selection === '' ? { selection: t('validation.required') } : {}), ...resultLocal(v, t) };
}
