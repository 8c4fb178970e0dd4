/** Google partial-response `fields` masks: moved to the Google wire kit (harness/services/google/field-mask.ts). */
export { applyFieldMask, FIELD_MASK_LIMITS, parseFieldMask, type FieldMask } from '../google/field-mask.ts';
