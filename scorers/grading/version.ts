/** Version of the grading engine, stored on every scored trial; bump when a rule changes what a trial scores. */
export const GRADER_VERSION = '2.1.0';
