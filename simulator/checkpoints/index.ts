/** Checkpoint predicates: declared as JSON (types.ts), validated (validate.ts), evaluated in the engine (evaluate.ts). */
export * from './types';
export { validateCheck, validateChecks } from './validate';
export { evaluateCheck, evaluateChecks, type CheckContext } from './evaluate';
