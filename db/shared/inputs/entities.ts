import { z } from 'zod';
import { multiline } from '../text.ts';
import { paging, pastDate, plannedDate, requiredText, rule, shortText, sortDirection, uuid } from '../schemas.ts';
import {
  CASE_ROLES,
  CONVEYANCE_TYPES,
  ENTITY_KINDS,
  ENTITY_SORT_COLUMNS,
  IDENTITY_DOCUMENT_TYPES,
  LINK_CONFIDENCES,
  LINK_TYPES,
  TRANSPORT_DOCUMENT_TYPES,
} from '../domain.ts';
import { eccn, hsCode } from './codes.ts';
import { money } from './money.ts';
import { containerNumber, country, imoNumber } from './identifiers.ts';

/**
 * Input schemas of the entity methods. Pure (zod, vocabularies and shared field schemas only):
 * the renderer validates with them too.
 *
 * Each kind (and each conveyance subtype) has its fields, written once without defaults. Creation
 * takes them with defaults (empty text, empty lists, null); an update takes any of them and is
 * checked again, merged with the stored entity, against the creation schema, so that rules across
 * fields hold after every edit.
 */

type Shape = Record<string, z.ZodType>;

/** The shape with a default for each field named in `values` (the others stay required). */
function withDefaults<S extends Shape, D extends { [K in keyof S]?: z.output<S[K]> }>(
  shape: S,
  values: D,
): { [K in keyof S]: K extends keyof D ? z.ZodDefault<S[K]> : S[K] } {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    out[key] = Object.hasOwn(values, key) ? schema.default(values[key] as never) : schema;
  }
  return out as { [K in keyof S]: K extends keyof D ? z.ZodDefault<S[K]> : S[K] };
}

/** The shape with every field optional and no default (an update changes only what it names). */
function optionalAll<S extends Shape>(shape: S): { [K in keyof S]: z.ZodOptional<S[K]> } {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) out[key] = schema.optional();
  return out as { [K in keyof S]: z.ZodOptional<S[K]> };
}

const upper = (max: number) => shortText(max).transform((s) => s.toUpperCase());
const aliases = z.array(requiredText(200)).max(50);
const notes = multiline(z.string().max(20000));

export const identityDocument = z.strictObject({
  type: z.enum(IDENTITY_DOCUMENT_TYPES),
  number: requiredText(50),
  country,
  expires: plannedDate.nullable().default(null),
});

/** A goods line: exact quantity (an integer count of `unit`, e.g. 12 pcs or 1500 g) and exact value. */
export const goodsLine = z
  .strictObject({
    description: requiredText(500),
    quantity: z
      .int({ error: 'A quantity is a whole number of units (for a fraction, use a smaller unit: 1500 g, not 1.5 kg)' })
      .min(1, 'A quantity is at least 1')
      .max(Number.MAX_SAFE_INTEGER)
      .nullable()
      .default(null),
    unit: shortText(20).default(''),
    hsCode: hsCode.nullable().default(null),
    eccn: eccn.nullable().default(null),
    countryOfOrigin: country.nullable().default(null),
    value: money.nullable().default(null),
  })
  .superRefine((line, ctx) => {
    if (line.quantity !== null && line.unit === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['unit'],
        ...rule('goods.quantity_unit', 'A quantity needs its unit, e.g. pcs or kg'),
      });
    }
  });

// --- Fields of each kind ------------------------------------------------------------------

const personFields = {
  givenName: shortText(100),
  familyName: shortText(100),
  aliases,
  dateOfBirth: pastDate.nullable(),
  nationality: country.nullable(),
  identityDocuments: z.array(identityDocument).max(20),
};
const organizationFields = {
  legalName: requiredText(300),
  aliases,
  registrationNumber: shortText(100),
  country: country.nullable(),
};
const addressFields = {
  lines: z.array(requiredText(200)).min(1, 'An address has at least one line').max(4),
  city: shortText(100),
  region: shortText(100),
  postalCode: upper(20),
  country: country.nullable(),
};
const vesselFields = {
  vesselName: requiredText(200),
  imoNumber: imoNumber.nullable(),
  callSign: upper(20),
  flag: country.nullable(),
};
const aircraftFields = {
  registration: requiredText(20).transform((s) => s.toUpperCase()),
  aircraftType: shortText(100),
  country: country.nullable(),
};
const vehicleFields = {
  plate: requiredText(20).transform((s) => s.toUpperCase()),
  plateCountry: country.nullable(),
  description: shortText(200),
};
const containerFields = {
  containerNumber,
  sizeType: upper(4).refine(
    (s) => s === '' || /^[0-9A-Z]{4}$/.test(s),
    rule('container.size_type', 'An ISO 6346 size and type code has 4 characters, e.g. 45G1'),
  ),
};
const shipmentFields = {
  transportDocumentType: z.enum(TRANSPORT_DOCUMENT_TYPES).nullable(),
  transportDocumentNumber: upper(50),
  exportDeclarationNumber: upper(50),
  declaredValue: money.nullable(),
  originCountry: country.nullable(),
  destinationCountry: country.nullable(),
  /** The transit and transshipment countries between origin and destination, in order. */
  route: z.array(country).max(20),
  declaredPermitNumber: upper(50),
  shippedOn: plannedDate.nullable(),
  goods: z.array(goodsLine).max(200),
};

// --- Creation -----------------------------------------------------------------------------

const personCreate = z
  .strictObject({
    kind: z.literal('person'),
    notes: notes.default(''),
    ...withDefaults(personFields, {
      givenName: '',
      familyName: '',
      aliases: [],
      dateOfBirth: null,
      nationality: null,
      identityDocuments: [],
    }),
  })
  .superRefine((p, ctx) => {
    if (!p.givenName && !p.familyName) {
      ctx.addIssue({
        code: 'custom',
        path: ['familyName'],
        ...rule('person.name_required', 'A person needs a family name or a given name'),
      });
    }
  });
const organizationCreate = z.strictObject({
  kind: z.literal('organization'),
  notes: notes.default(''),
  ...withDefaults(organizationFields, { aliases: [], registrationNumber: '', country: null }),
});
const addressCreate = z.strictObject({
  kind: z.literal('address'),
  notes: notes.default(''),
  ...withDefaults(addressFields, { city: '', region: '', postalCode: '', country: null }),
});
const vesselCreate = z.strictObject({
  kind: z.literal('conveyance'),
  subtype: z.literal('vessel'),
  notes: notes.default(''),
  ...withDefaults(vesselFields, { imoNumber: null, callSign: '', flag: null }),
});
const aircraftCreate = z.strictObject({
  kind: z.literal('conveyance'),
  subtype: z.literal('aircraft'),
  notes: notes.default(''),
  ...withDefaults(aircraftFields, { aircraftType: '', country: null }),
});
const vehicleCreate = z.strictObject({
  kind: z.literal('conveyance'),
  subtype: z.literal('vehicle'),
  notes: notes.default(''),
  ...withDefaults(vehicleFields, { plateCountry: null, description: '' }),
});
const containerCreate = z.strictObject({
  kind: z.literal('conveyance'),
  subtype: z.literal('container'),
  notes: notes.default(''),
  ...withDefaults(containerFields, { sizeType: '' }),
});
const shipmentCreate = z
  .strictObject({
    kind: z.literal('shipment'),
    notes: notes.default(''),
    ...withDefaults(shipmentFields, {
      transportDocumentType: null,
      transportDocumentNumber: '',
      exportDeclarationNumber: '',
      declaredValue: null,
      originCountry: null,
      destinationCountry: null,
      route: [],
      declaredPermitNumber: '',
      shippedOn: null,
      goods: [],
    }),
  })
  .superRefine((s, ctx) => {
    if (!s.transportDocumentNumber && !s.exportDeclarationNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['transportDocumentNumber'],
        ...rule(
          'shipment.document_required',
          'A shipment needs its transport document number (bill of lading, air waybill) or its export declaration number',
        ),
      });
    }
    if (s.transportDocumentNumber && s.transportDocumentType === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['transportDocumentType'],
        ...rule('shipment.document_type_required', 'Say which transport document the number is from'),
      });
    }
  });

export const conveyanceData = z.discriminatedUnion('subtype', [vesselCreate, aircraftCreate, vehicleCreate, containerCreate]);

/** An entity's own fields, per kind (a conveyance also has its subtype), with defaults applied. */
export const entityData = z.discriminatedUnion('kind', [
  personCreate,
  organizationCreate,
  addressCreate,
  conveyanceData,
  shipmentCreate,
]);
/** An entity's own fields as stored (kind, subtype, and the kind's fields), with notes. */
export type EntityData = z.output<typeof entityData>;

/** The schema of each kind's form (conveyances by subtype), for the renderer's edit pages. */
export const entityFormSchemas = {
  person: personCreate,
  organization: organizationCreate,
  address: addressCreate,
  vessel: vesselCreate,
  aircraft: aircraftCreate,
  vehicle: vehicleCreate,
  container: containerCreate,
  shipment: shipmentCreate,
} as const;

/** Every field of every kind, for the flat method inputs below (the same name means the same thing in each kind). */
const allFields = {
  ...personFields,
  ...organizationFields,
  ...addressFields,
  ...vesselFields,
  ...aircraftFields,
  ...vehicleFields,
  ...containerFields,
  ...shipmentFields,
};

/**
 * Checks a flat input again with the per-kind schema, reporting its issues as the dispatcher
 * expects them (a field from another kind is an "Unknown field" naming it). Every other issue
 * is passed on as it is, so that it keeps its reason.
 */
function perKind<S extends z.ZodType>(schema: S) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): z.output<S> => {
    const given = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
    const result = schema.safeParse(given, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          ctx.addIssue({
            code: 'custom',
            path: [...issue.path, key],
            ...rule('input.unknown_field', 'Unknown field (not a field of this kind)'),
          });
      } else {
        ctx.addIssue({ ...issue } as z.core.$ZodRawIssue);
      }
    }
    return z.NEVER;
  };
}

/**
 * entities.create: `kind` (and `subtype` for a conveyance), then that kind's fields, flat. The
 * JSON Schema lists the fields of every kind; each kind accepts only its own (the per-kind
 * schemas above say which).
 */
export const entityCreateInput = z
  .strictObject({
    kind: z.enum(ENTITY_KINDS),
    subtype: z.enum(CONVEYANCE_TYPES).optional(),
    notes: notes.optional(),
    ...optionalAll(allFields),
  })
  .transform(perKind(entityData));
export type EntityCreateInput = z.input<typeof entityCreateInput>;

// --- Update -------------------------------------------------------------------------------

const updateBase = { id: uuid, version: z.int().min(1).optional(), notes: notes.optional() };

const entityPatch = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), ...updateBase, ...optionalAll(personFields) }),
  z.strictObject({ kind: z.literal('organization'), ...updateBase, ...optionalAll(organizationFields) }),
  z.strictObject({ kind: z.literal('address'), ...updateBase, ...optionalAll(addressFields) }),
  z.discriminatedUnion('subtype', [
    z.strictObject({ kind: z.literal('conveyance'), subtype: z.literal('vessel'), ...updateBase, ...optionalAll(vesselFields) }),
    z.strictObject({
      kind: z.literal('conveyance'),
      subtype: z.literal('aircraft'),
      ...updateBase,
      ...optionalAll(aircraftFields),
    }),
    z.strictObject({
      kind: z.literal('conveyance'),
      subtype: z.literal('vehicle'),
      ...updateBase,
      ...optionalAll(vehicleFields),
    }),
    z.strictObject({
      kind: z.literal('conveyance'),
      subtype: z.literal('container'),
      ...updateBase,
      ...optionalAll(containerFields),
    }),
  ]),
  z.strictObject({ kind: z.literal('shipment'), ...updateBase, ...optionalAll(shipmentFields) }),
]);

/**
 * entities.update: the id, the entity's kind (and subtype) as they are (neither can change), and
 * any of that kind's fields to change. Pass `version` to refuse a stale edit.
 */
export const entityUpdateInput = z
  .strictObject({
    id: uuid,
    version: z.int().min(1).optional(),
    kind: z.enum(ENTITY_KINDS),
    subtype: z.enum(CONVEYANCE_TYPES).optional(),
    notes: notes.optional(),
    ...optionalAll(allFields),
  })
  .transform(perKind(entityPatch));
export type EntityUpdateInput = z.output<typeof entityUpdateInput>;

// --- Reading ------------------------------------------------------------------------------

export const entityGetInput = z.strictObject({ id: uuid });

export const entityListInput = z.strictObject({
  sort: z
    .strictObject({ column: z.enum(ENTITY_SORT_COLUMNS), direction: sortDirection })
    .default({ column: 'name', direction: 'asc' }),
  kind: z.array(z.enum(ENTITY_KINDS)).max(ENTITY_KINDS.length).optional(),
  country: z.array(country).max(50).optional(),
  /** Words found in the name, aliases or identifiers (IMO, container, document numbers, HS codes, ECCNs...). */
  text: z.string().max(200).optional(),
  ...paging,
});
export type EntityListInput = z.output<typeof entityListInput>;

// --- Links --------------------------------------------------------------------------------

export const entityLinkInput = z.strictObject({
  type: z.enum(LINK_TYPES),
  fromId: uuid,
  toId: uuid,
  /** owns only: the share in basis points, 0 to 10000 (10000 = 100 %); null when unknown. */
  shareBp: z
    .int({ error: 'A share is a whole number of basis points (5100 = 51 %)' })
    .min(0, 'A share is at least 0 basis points')
    .max(10000, 'A share is at most 10000 basis points (100 %)')
    .nullable()
    .default(null),
  /** Which document or observation says so. */
  source: requiredText(500),
  sourceEvidenceId: uuid.nullable().default(null),
  confidence: z.enum(LINK_CONFIDENCES).default('confirmed'),
  validFrom: pastDate.nullable().default(null),
  validTo: plannedDate.nullable().default(null),
  notes: notes.default(''),
});
export type EntityLinkInput = z.output<typeof entityLinkInput>;

/**
 * Corrects a link, or ends it (validTo): what it says, not what it joins (another type or other
 * ends is another link). Only the fields given change.
 */
export const entityUpdateLinkInput = z.strictObject({
  id: uuid,
  version: z.int().min(1).optional(),
  shareBp: entityLinkInput.shape.shareBp.removeDefault().optional(),
  source: requiredText(500).optional(),
  sourceEvidenceId: uuid.nullable().optional(),
  confidence: z.enum(LINK_CONFIDENCES).optional(),
  validFrom: pastDate.nullable().optional(),
  validTo: plannedDate.nullable().optional(),
  notes: notes.optional(),
});
export type EntityUpdateLinkInput = z.output<typeof entityUpdateLinkInput>;

export const entityUnlinkInput = z.strictObject({ id: uuid });

// --- Roles in cases -----------------------------------------------------------------------

export const caseAddEntityInput = z.strictObject({
  caseId: uuid,
  entityId: uuid,
  role: z.enum(CASE_ROLES),
  notes: notes.default(''),
});
export const caseUpdateEntityInput = z.strictObject({
  caseId: uuid,
  entityId: uuid,
  role: z.enum(CASE_ROLES),
  notes,
});
export const caseRemoveEntityInput = z.strictObject({ caseId: uuid, entityId: uuid, role: z.enum(CASE_ROLES) });
export const caseEntitiesInput = z.strictObject({ caseId: uuid });
