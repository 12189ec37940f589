/**
 * Types of the contract for clients (renderer, preload). Type-only imports: nothing of
 * SQLite or Node reaches a bundle that imports this file.
 */
import type { z } from 'zod';
import type { methods } from './methods/index.ts';

export type { Envelope, ErrorBody, ErrorCode } from './errors.ts';
export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = ReturnType<Methods[M]['handler']>;
export type { Case, CaseListRow } from './services/cases.ts';
export type { Settings, Profile } from './services/settings.ts';
