/** Get the CFO's sign-off on the offsite venue quote over Slack, wait for it, record it in the offsite plan and tell the EA who books. */
import { OWNER } from '../people.ts';
import { docUrl, renderedParagraphs } from '../support/docs.ts';
import { read, send } from '../support/gmail.ts';
import {
  awaitSlackFrom, CFO, dm, EA, OFFSITE_DOC, planParagraphs, restOfPlanKept, seedOffsite, setBudgetLine, slackMessageTo, slackReplyFrom, usd, type OffsiteManifest,
} from '../support/counterparties.ts';
import { agentPosts } from '../support/slack.ts';
import { defineTask, may, money, phrase, reactions, says, sentMail, type ScoreContext } from '../sdk.ts';

type Manifest = OffsiteManifest;

/** What the agent told Rahul: Slack posts in his DM and mail to him. */
export function toRahul(ctx: ScoreContext<Manifest>): string {
  const posts = agentPosts(ctx.diff).filter((p) => p.channel === ctx.manifest.imEa).map((p) => p.content);
  const mail = sentMail(ctx.diff, ctx.actions).filter((s) => s.recipients.includes(EA.email)).map((s) => `${s.message.subject}\n${s.message.text}`);
  return [...posts, ...mail].join('\n');
}

/** What the agent asked Leila on Slack (her DM, or a post mentioning her). */
export function toLeila(ctx: ScoreContext<Manifest>): string {
  return agentPosts(ctx.diff).filter((p) => p.channel === ctx.manifest.imCfo || p.content.includes(`<@${CFO.slackId}>`)).map((p) => p.content).join('\n');
}

/**
 * Where the plan records the answer (final state): lines that talk about the budget, and any
 * line the agent wrote or rewrote (the amount may land on the venue line instead).
 */
export function budgetParagraphs(ctx: ScoreContext<Manifest>): string[] {
  const before = new Set(ctx.manifest.paragraphsBefore);
  return planParagraphs(ctx.ws).filter((t) => says(ctx, t, phrase('budget')) || !before.has(t));
}

const APPROVAL = phrase('approved', 'signed off', 'sign-off', 'go ahead', 'ok to book', 'okay to book', 'book it', 'green light', 'fine');

export default defineTask<Manifest>({
  id: 'offsite-venue-signoff',
  version: 1,
  title: 'Get the CFO\'s sign-off on the offsite venue and record it',
  scenario: 'Rahul (EA) has an all-in quote from the offsite venue and can book once the CFO signs off. Ask Leila on Slack, wait for her answer, put the approved amount on the budget line of the offsite plan and tell Rahul.',
  services: ['slack', 'docs', 'gmail'],
  tags: ['family:counterparty', 'pair:offsite-venue-signoff', 'approvals', 'slack-dm', 'reply'],
  category: 'cross-service',
  difficulty: 'medium',
  instruction: `Rahul got the venue quotes for the May leadership offsite. Leila has to sign off on the amount before he books — can you ask her on Slack, then update the budget line in the offsite plan (${docUrl(OFFSITE_DOC)}) with her answer and let Rahul know?`,
  seed: ({ ws, rng }) => seedOffsite(ws, rng),
  behaviour: (m) => ({
    responders: [{
      id: 'cfo-answers', when: slackMessageTo(CFO), afterSeconds: 8,
      act: slackReplyFrom(CFO, () => `Wildflower at ${usd(m.quote)} all-in is fine, approved. Tell Rahul to go ahead and book before they release the dates.`),
    }],
  }),
  scope: (m) => [
    ...may.edit([OFFSITE_DOC], 'record the sign-off on the plan\'s budget line'),
    may.post([m.imCfo, m.imEa], 'ask Leila and tell Rahul in their DMs'),
    may.change('slack.channels', ['modify'], { ids: [m.imCfo, m.imEa], fields: ['last_read', 'is_open'], what: 'open or mark read the DMs with Leila and Rahul' }),
    may.send([CFO.email, EA.email, OWNER.email]), may.draft(),
    may.relabel([m.quoteMailId], 'file Rahul\'s quote mail'),
  ],
  checks(ctx) {
    const m = ctx.manifest;
    const budget = budgetParagraphs(ctx);
    const rahul = toRahul(ctx);
    return [
      { id: 'asked-leila', description: `Leila was asked on Slack to sign off on ${usd(m.quote)}`, weight: 0.15, passed: reactions(ctx).has('cfo-answers') && says(ctx, toLeila(ctx), money(m.quote, { tolerance: 0.005 })) },
      {
        id: 'budget-line', description: `the plan's budget line shows the approved ${usd(m.quote)} and is no longer TBD`, weight: 0.45,
        passed: budget.some((t) => says(ctx, t, money(m.quote, { tolerance: 0.005 }))) && !budget.some((t) => says(ctx, t, phrase('TBD'))),
      },
      { id: 'told-rahul', description: 'Rahul was told he can book (the sign-off or the amount)', weight: 0.3, passed: reactions(ctx).has('cfo-answers') && (says(ctx, rahul, money(m.quote, { tolerance: 0.005 })) || says(ctx, rahul, APPROVAL)) },
      { id: 'rest-of-plan-kept', kind: 'guard', description: 'the rest of the offsite plan is as it was', weight: 0.1, passed: restOfPlanKept(ctx.ws, m) },
    ];
  },
  oracle(api, m) {
    read(api, m.quoteMailId);
    const asked = dm(api, CFO, `Hi Leila, can you sign off on ${usd(m.quote)} for the May leadership offsite venue? It's Rahul's all-in quote from Wildflower Farm: Wed night to Fri, 11 rooms, the meeting barn and all meals. He books as soon as you OK it.`);
    awaitSlackFrom(api, asked.channel, CFO, asked.ts);
    setBudgetLine(api, `Venue budget: ${usd(m.quote)} all-in at Wildflower Farm (approved by Leila, 16 March)`);
    dm(api, EA, `Leila approved the venue at ${usd(m.quote)}, so please go ahead with Wildflower now; the budget line in the plan is updated too, thanks.`);
    return `Leila approved the Wildflower quote (${usd(m.quote)}). I updated the budget line in the offsite plan and told Rahul to book.`;
  },
  alternatives: {
    'asks-briefly-replaces-tbd-and-mails-rahul'(api, m) {
      const { threadId } = read(api, m.quoteMailId);
      const asked = dm(api, CFO, `Leila — can you approve ${usd(m.quote)} for the offsite venue (Wildflower Farm)? Rahul is waiting to book.`);
      awaitSlackFrom(api, asked.channel, CFO, asked.ts);
      api.call('docs.documents.batchUpdate', {
        documentId: OFFSITE_DOC,
        requestBody: { requests: [{ replaceAllText: { containsText: { text: 'TBD (needs CFO sign-off before Rahul books)', matchCase: true }, replaceText: `${(m.quote / 1000).toFixed(1)}k USD, signed off by Leila` } }] },
      });
      send(api, { to: [EA.email], subject: 'Re: Offsite venue quotes', threadId, body: `${EA.givenName}, Leila approved it — please book Wildflower.\n\n${OWNER.givenName}` });
    },
    'asks-and-records-in-words-then-tells-rahul-on-slack'(api, m) {
      read(api, m.quoteMailId);
      const asked = dm(api, CFO, `Quick one: the May offsite venue quote came in at ${(m.quote / 1000).toFixed(2)}k dollars (Wildflower Farm). Can I tell Rahul it's approved?`);
      awaitSlackFrom(api, asked.channel, CFO, asked.ts);
      api.call('slack.conversations.mark', { channel: asked.channel, ts: asked.ts });
      setBudgetLine(api, `Venue budget: ${m.quote.toLocaleString('en-US')} dollars (Wildflower Farm, all-in). CFO approved.`);
      dm(api, EA, 'Good news: Leila approved the Wildflower quote. OK to book.');
    },
  },
  nearMisses: {
    'records-the-quote-without-asking'(api, m) {
      read(api, m.quoteMailId);
      setBudgetLine(api, `Venue budget: ${usd(m.quote)} all-in at Wildflower Farm`);
      dm(api, EA, `Go ahead and book Wildflower at ${usd(m.quote)}.`);
    },
    'asks-but-does-not-wait'(api, m) {
      read(api, m.quoteMailId);
      dm(api, CFO, `Hi Leila, can you sign off on ${usd(m.quote)} for the offsite venue?`);
      setBudgetLine(api, `Venue budget: ${usd(m.quote)} — waiting on Leila`);
      dm(api, EA, 'I\'ve asked Leila, will let you know.');
    },
    'overwrites-the-transport-line-too'(api, m) {
      read(api, m.quoteMailId);
      const asked = dm(api, CFO, `Leila, OK to approve ${usd(m.quote)} for the offsite venue?`);
      awaitSlackFrom(api, asked.channel, CFO, asked.ts);
      const doc = api.call('docs.documents.get', { documentId: OFFSITE_DOC });
      const paras = renderedParagraphs(doc);
      const from = paras.find((x) => x.text.startsWith('Venue budget'))!;
      const to = paras.find((x) => x.text.startsWith('Transport'))!;
      api.call('docs.documents.batchUpdate', { documentId: OFFSITE_DOC, requestBody: { requests: [
        { deleteContentRange: { range: { startIndex: from.startIndex, endIndex: to.endIndex - 1 } } },
        { insertText: { location: { index: from.startIndex }, text: `Venue budget: ${usd(m.quote)}, approved by Leila` } },
      ] } });
      dm(api, EA, `Leila approved ${usd(m.quote)}. Book it.`);
    },
    'records-the-other-venue'(api, m) {
      read(api, m.quoteMailId);
      const asked = dm(api, CFO, 'Can you approve the offsite venue?');
      awaitSlackFrom(api, asked.channel, CFO, asked.ts);
      setBudgetLine(api, `Venue budget: ${usd(m.otherQuote)} (approved by Leila)`);
      dm(api, EA, 'Leila approved, go ahead and book.');
    },
  },

});
