/**
 * What differs between the four Google APIs on the wire, written down as data so one kit
 * serves them all: the shape of the error envelope, how a bad page token is refused and
 * whether an undeclared query parameter is an error.
 *
 * Sources: the "handle errors" guides of Gmail, Drive and Calendar
 * (developers.google.com/workspace/{gmail,drive}/api/guides/handle-errors,
 * …/calendar/api/guides/errors) and bodies the real APIs return. Gmail and Docs speak
 * AIP-193 (`status` beside the legacy `errors[]`); Calendar and Drive keep the legacy
 * envelope without `status`, and Drive names the offending parameter in
 * `location`/`locationType` (`"location": "fileId", "locationType": "parameter"`).
 */

/** The Google APIs deskbench serves. */
export type GoogleApi = 'gmail' | 'calendar' | 'drive' | 'docs';

/** How one API shapes its error envelope. */
export interface ErrorEnvelopeStyle {
  /** `error.status` (the canonical code name, `NOT_FOUND`): AIP-193 APIs only. */
  readonly status: boolean;
  /** `error.errors[].location` / `locationType` when the error names a parameter or header. */
  readonly location: boolean;
}

/** How one API refuses a page token it did not issue. */
export interface PageTokenRefusal {
  readonly reason: string;
  readonly message: string;
  /** The parameter named in `location`, where the API names one. */
  readonly location?: string;
}

/** The wire dialect of one Google API. */
export interface GoogleDialect {
  readonly api: GoogleApi;
  readonly errors: ErrorEnvelopeStyle;
  readonly badPageToken: PageTokenRefusal;
  /** True when the frontend answers 400 "Unknown name" for an undeclared query parameter. */
  readonly strictQuery: boolean;
}

/** Every Google API's dialect. */
export const GOOGLE_DIALECTS: Readonly<Record<GoogleApi, GoogleDialect>> = {
  gmail: {
    api: 'gmail',
    errors: { status: true, location: false },
    badPageToken: { reason: 'invalidArgument', message: 'Invalid pageToken' },
    strictQuery: true,
  },
  docs: {
    api: 'docs',
    errors: { status: true, location: false },
    badPageToken: { reason: 'badRequest', message: 'Invalid page token' },
    strictQuery: true,
  },
  calendar: {
    api: 'calendar',
    errors: { status: false, location: true },
    badPageToken: { reason: 'invalid', message: 'Invalid page token value.' },
    strictQuery: false,
  },
  drive: {
    api: 'drive',
    errors: { status: false, location: true },
    badPageToken: { reason: 'invalid', message: 'Invalid Value', location: 'pageToken' },
    strictQuery: false,
  },
};

/** The dialect of a service id; undefined for a service that does not speak Google (Slack). */
export function dialectOf(service: string | undefined): GoogleDialect | undefined {
  return service !== undefined && Object.hasOwn(GOOGLE_DIALECTS, service) ? GOOGLE_DIALECTS[service as GoogleApi] : undefined;
}
