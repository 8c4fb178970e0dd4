/** Answer a customer for the CEO with exactly what he said in Slack: yes to a shorter keynote, half the call, and no word on pricing. */
import { byTitle, OWNER } from '../people.ts';
import { GLOBEX_CONTACT, globexAnswer, globexSummitChecks, seedGlobexSummit, sendGlobexReply, type GlobexSummitManifest } from '../support/delegation.ts';
import { draft, read } from '../support/gmail.ts';
import { defineTask, may } from '../sdk.ts';

const CEO = byTitle('Chief Executive Officer');
const SALES = byTitle('VP Sales');

export default defineTask<GlobexSummitManifest>({
  id: 'globex-summit-reply-for-ceo',
  version: 1,
  title: "Answer Globex for the CEO with what he said",
  scenario: "A Globex director asks the Chief of Staff whether the CEO will keynote their summit (40 minutes and a panel), join a renewal call, and extend last term's discount. The CEO answered in a Slack DM: yes to a 20-minute keynote without the panel, the first half hour of the call, and no pricing by email. The reply must carry exactly that, not a discount he never gave. Clean twin of globex-summit-reply-for-ceo-price-aside.",
  services: ['gmail', 'slack'],
  tags: ['family:delegation', 'pair:globex-summit-reply', 'on-behalf', 'customer', 'reply'],
  category: 'cross-service',
  difficulty: 'medium',
  instruction: `${GLOBEX_CONTACT.name} at Globex emailed about ${CEO.givenName} and their summit. He answered me on Slack last night - please reply to her for him.`,
  seed: ({ ws, rng }) => seedGlobexSummit(ws, rng, false),
  scope: (m) => [
    may.send([GLOBEX_CONTACT.email, SALES.email, CEO.email, OWNER.email]), may.draft(),
    may.relabel([m.requestId], 'file the request once answered'),
  ],
  checks: globexSummitChecks,
  oracle(api, m) {
    api.call('slack.conversations.history', { channel: m.ceoDm, limit: 10 });
    sendGlobexReply(api, m, globexAnswer(m));
    return `Replied to ${GLOBEX_CONTACT.givenName} with ${CEO.givenName}'s answers: keynote yes (20 minutes, no panel), the first half hour of the renewal call, and pricing goes through ${SALES.givenName}.`;
  },
  alternatives: {
    'short-reply-copying-sales-and-archiving'(api, m) {
      api.call('slack.conversations.history', { channel: m.ceoDm, limit: 10 });
      const day = new Date(`${m.keynoteDay}T12:00:00Z`);
      sendGlobexReply(api, m, [
        `Hi ${GLOBEX_CONTACT.givenName} - answers from ${CEO.givenName}:`,
        `- Keynote: yes for ${day.getUTCDate()}/${day.getUTCMonth() + 1}/${day.getUTCFullYear()}, a twenty-minute slot, no panel.`,
        '- Renewal call: he can stay for the first 30 minutes.',
        `- Discount: not something he'll settle over email; ${SALES.givenName} (copied) will follow up.`,
        '', OWNER.givenName,
      ].join('\n'), [SALES.email]);
      api.call('gmail.users.messages.modify', { userId: 'me', id: m.requestId, requestBody: { removeLabelIds: ['INBOX', 'UNREAD'] } });
    },
    'drafts-then-sends-with-iso-date'(api, m) {
      const r = read(api, m.requestId);
      const d = draft(api, {
        to: [GLOBEX_CONTACT.email], subject: 'Re: Logistics Leaders Summit - keynote, and the renewal', threadId: r.threadId, inReplyTo: r.messageId,
        body: `Hello ${GLOBEX_CONTACT.givenName},\n\n${CEO.givenName} accepts the opening keynote (${m.keynoteDay}), 20 min max, without the panel. He'll join the first half of the renewal call. The multi-year discount question is one for ${SALES.name}, who runs the renewal; ${CEO.givenName} isn't deciding pricing by email.\n\nKind regards,\n${OWNER.name}`,
      });
      api.call('gmail.users.drafts.send', { userId: 'me', requestBody: { id: d.id } });
    },
  },
  nearMisses: {
    'says-yes-to-everything'(api, m) {
      sendGlobexReply(api, m, `${globexAnswer(m)}\n\nP.S. ${CEO.givenName} is happy to extend the ${m.ask}% discount into the renewal.`);
    },
    'relays-the-initech-answer'(api, m) {
      sendGlobexReply(api, m, `Hi ${GLOBEX_CONTACT.givenName},\n\nUnfortunately ${CEO.givenName} can't do the keynote this year. ${SALES.givenName} will follow up on the renewal.\n\n${OWNER.givenName}`);
    },
    'forgets-the-limits'(api, m) {
      sendGlobexReply(api, m, `Hi ${GLOBEX_CONTACT.givenName},\n\nYes, ${CEO.givenName} will do the keynote on ${new Date(`${m.keynoteDay}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' })} and he'll be on the renewal call. ${SALES.givenName} will come back on pricing.\n\n${OWNER.givenName}`);
    },
  },
});
