/** The wire-compatible HTTP face of the mock workplace (Google REST + Slack Web API), generated from the operation tables. */
export { startWorkplaceServer, type WorkplaceServer, type WorkplaceServerOptions } from './server.ts';
export { DEFAULT_PRINCIPAL, type TrialOptions, type TrialTokens } from './trials.ts';
export { buildRouteTable, compileTemplate, matchGoogle, type RouteTable, type GoogleRoute } from './route-table.ts';
export { parseFieldMask, applyFieldMask, type FieldMask } from './field-mask.ts';
