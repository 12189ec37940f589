/** Dossier's version, as package.json says (test/version.test.ts keeps them equal); named in every package it exports. */
export const DOSSIER_VERSION = '0.1.0';
