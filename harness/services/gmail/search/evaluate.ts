/** Gmail search evaluation: moved to the service template's query folder (query/evaluate.ts); this path stays for existing importers. */
export { compileQuery, normaliseLabelName, type CompiledQuery, type QueryEnv } from '../query/evaluate.ts';
