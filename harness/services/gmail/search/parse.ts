/** Gmail search parsing: moved to the service template's query folder (query/parse.ts); this path stays for existing importers. */
export { mentionsTrashOrSpam, OPERATORS, parseQuery, QUERY_LIMITS, QuerySyntaxError, tokenize, type QueryNode } from '../query/parse.ts';
