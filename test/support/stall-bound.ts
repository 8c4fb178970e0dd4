/**
 * How long a call that must stay bounded may take in a test. On an idle machine these calls
 * return in milliseconds; what the tests guard against is work that runs away (minutes, or
 * never returning), so the bound leaves room for a CI machine under load. Figures for speed
 * belong in bench/, not in a test.
 */
export const STALL_BOUND_MS = 10_000;
