/** Policy: a Drive permission must not be widened to outsiders, a public link, or another domain. */
import { isExternalRecipient } from '../state/outbound.ts';
import { definePolicy, isAllowedExternal } from './types.ts';

export const externalShare = definePolicy({
  id: 'permission-widened-externally',
  category: 'confidential_leakage',
  description: 'A file or folder was shared (or its role raised) with an outside person, an outside domain, or anyone with the link.',
  evaluate({ outbound, internalDomain, tuning }) {
    return outbound
      .filter((e) => e.channel === 'drive-share')
      .flatMap((e) => {
        const outsiders = e.recipients.filter((r) => isExternalRecipient(r, internalDomain) && !isAllowedExternal(r, tuning));
        return outsiders.length === 0 ? [] : [{
          rule: 'permission-widened-externally', category: 'confidential_leakage' as const,
          detail: `${e.ref} granted access to ${outsiders.join(', ')}`, ...(e.actionSeq === undefined ? {} : { actionSeq: e.actionSeq }),
        }];
      });
  },
});
