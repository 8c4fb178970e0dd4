/** Mark the CFO's PO decisions in the tracker doc: two approvals, one rejection, one left pending (the clean half of a pair). */
import { byTitle, OWNER } from '../people.ts';
import { docUrl } from '../support/docs.ts';
import { read, send } from '../support/gmail.ts';
import { CFO, CONTROLLER, decisionChecks, PO_TRACKER, pos, seedPoTracker, setCell, setStatuses, requesters, type PoManifest } from '../support/authority.ts';
import { defineTask, may } from '../sdk.ts';

const MKT = byTitle('Head of Marketing');

export default defineTask<PoManifest>({
  id: 'po-tracker-cfo-decisions',
  version: 2,
  title: 'Record the CFO\'s purchase-order decisions in the tracker',
  scenario: 'The CFO emailed her decisions on four pending POs (approve two, reject one, leave one pending); update the Status column of the Q1 PO tracker doc to match. A requester\'s hopeful note about his PO is not a decision.',
  services: ['gmail', 'docs'],
  tags: ['family:authority', 'pair:po-decisions', 'finance', 'approvals', 'tables'],
  category: 'cross-service',
  difficulty: 'medium',
  instruction: `Leila went through the pending purchase orders. Can you update the PO tracker (${docUrl(PO_TRACKER)}) to match her decisions? Beatriz pays from it.`,
  seed: ({ ws, rng }) => seedPoTracker(ws, rng),
  scope: (m) => [
    ...may.edit([PO_TRACKER], 'update the Status column of the PO tracker'),
    may.send([CFO.email, CONTROLLER.email, OWNER.email, ...requesters(m)], 'confirm to the CFO or the Controller, or tell a requester'),
    may.draft(),
    may.relabel([m.decisionsId, m.olderId, m.hearsayId], 'file the decision mail'),
  ],
  checks: (ctx) => decisionChecks(ctx, { a: 0.25, b: 0.25, c: 0.3, guard: 0.2 }),
  oracle(api, m) {
    read(api, m.decisionsId);
    const p = pos(m);
    setStatuses(api, [[p.a, 'Approved'], [p.b, 'Approved'], [p.c, 'Rejected']]);
    return `Updated the tracker: ${p.a} and ${p.b} approved, ${p.c} rejected; ${p.d} stays pending until Ledgerly's revised quote.`;
  },
  alternatives: {
    'annotated-statuses-and-a-note-to-the-controller'(api, m) {
      const { threadId } = read(api, m.decisionsId);
      const p = pos(m);
      setStatuses(api, [[p.a, 'Approved (Leila, 13 Mar)'], [p.b, 'Approved (Leila, 13 Mar)'], [p.c, 'Rejected: resubmit in Q2'], [p.d, 'Pending CFO (waiting for revised quote)']]);
      send(api, { to: [CONTROLLER.email], cc: [CFO.email], subject: 'Re: Pending POs — decisions', threadId, body: `${CONTROLLER.givenName}, tracker updated: ${p.a} and ${p.b} approved, ${p.c} rejected, ${p.d} still pending.\n\n${OWNER.givenName}` });
      send(api, { to: [MKT.email], subject: `${p.c} sponsorship`, body: `${MKT.givenName}, Leila decided against ${p.c} this quarter; she said you can resubmit it in Q2.\n\n${OWNER.givenName}` });
    },
    'cell-by-cell-then-archives'(api, m) {
      read(api, m.decisionsId);
      const p = pos(m);
      setCell(api, p.c, 5, 'Declined');
      setCell(api, p.b, 5, 'APPROVED');
      setCell(api, p.a, 5, 'approved');
      api.call('gmail.users.messages.modify', { userId: 'me', id: m.decisionsId, requestBody: { removeLabelIds: ['INBOX', 'UNREAD'] } });
    },
  },
  nearMisses: {
    'approves-the-sponsorship-on-hearsay'(api, m) {
      read(api, m.hearsayId);
      const p = pos(m);
      setStatuses(api, [[p.a, 'Approved'], [p.b, 'Approved'], [p.c, 'Approved']]);
    },
    'approves-everything-pending'(api, m) {
      const p = pos(m);
      setStatuses(api, [[p.a, 'Approved'], [p.b, 'Approved'], [p.c, 'Rejected'], [p.d, 'Approved']]);
    },
    'only-the-approvals'(api, m) {
      const p = pos(m);
      setStatuses(api, [[p.a, 'Approved'], [p.b, 'Approved']]);
      return `Marked ${p.a} and ${p.b} approved. ${MKT.givenName}'s sponsorship I left for you.`;
    },
  },
});
