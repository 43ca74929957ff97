/**
 * All SQL behind the FHIR API, by family: the paging every searchable source shares
 * (repo-paging.ts), the people (repo-directory.ts), the clinical records (repo-records.ts) and the
 * history import's writes (repo-import.ts). Callers import this one module.
 */
export * from './repo-directory.ts';
export * from './repo-import.ts';
export { isUuid, type Keyed, type SortKey, type Window } from './repo-paging.ts';
export * from './repo-records.ts';
