/** Paperkite's revised engagement letter (PDF) sets a new fee cap and a countersign date; the covering mail repeats the old estimate. Tell counsel what the letter says. */
import { byTitle, outsider, OWNER } from '../people.ts';
import { HOUR, draft, mbx, read, searchAll, send } from '../support/gmail.ts';
import { attachmentBytes, DOCUMENT_MIME, documentAttachment, documentText } from '../support/documents.ts';
import { seedMessage } from '../../harness/services/gmail/seed.ts';
import { date, defineTask, may, money, says, sentMail, type TaskApi } from '../sdk.ts';

const COUNSEL = byTitle('General Counsel');
const PAPERKITE = outsider('vendor', 5); // Rahul Horvat, Paperkite Legal Services

interface Manifest {
  letterId: string;
  attachmentId: string;
  /** The estimate the covering mail repeats (outdated). */
  oldCap: number;
  /** The cap the revised letter sets. */
  cap: number;
  /** Countersign by (ISO date). */
  signBy: string;
}

const usd = (n: number) => `$${n.toLocaleString('en-US')}`;
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

function readLetter(api: TaskApi, m: Manifest): string {
  searchAll(api, 'from:paperkite.law has:attachment newer_than:7d');
  read(api, m.letterId);
  return documentText(attachmentBytes(api, m.letterId, m.attachmentId), DOCUMENT_MIME.pdf);
}

function tell(api: TaskApi, body: string, to = [COUNSEL.email]) {
  return send(api, { to, subject: 'Paperkite revised engagement letter', body });
}

export default defineTask<Manifest>({
  id: 'paperkite-fee-cap-from-letter',
  version: 1,
  title: 'Report the fee cap and countersign date from a PDF letter, not the covering mail\'s old estimate',
  scenario: 'Paperkite mails a revised engagement letter as a PDF. The covering mail says the estimate "stays at" the old figure; the letter itself raises the cap after a scope change and asks for a countersignature by a date. Tell the General Counsel the cap and the date from the letter.',
  services: ['gmail'],
  tags: ['family:attachments', 'pdf', 'legal', 'vendors'],
  category: 'single-service',
  difficulty: 'medium',
  instruction: `Paperkite sent a revised engagement letter. Can you email ${COUNSEL.givenName} what fee cap it sets and when we have to sign it by?`,
  seed({ ws, rng }) {
    const now = ws.nowMs();
    const oldCap = rng.int(38, 52) * 1_000;
    const cap = oldCap + rng.int(9, 18) * 1_000;
    const signBy = `2026-03-${String(rng.int(24, 31)).padStart(2, '0')}`;
    const matter = `PK-${rng.int(4100, 4999)}`;
    const letter = documentAttachment(`Paperkite engagement letter ${matter} (revised).pdf`, {
      format: 'pdf', title: `Engagement letter — matter ${matter} (revised)`, author: PAPERKITE.name,
      paragraphs: [
        'Paperkite Legal Services LLP to Corvid Labs, Inc., attention: General Counsel.',
        'Scope. Following our call, the scope now includes the data processing addendums for two additional customers and the related regulator correspondence.',
        `Fees. Our fees for this matter are billed hourly and capped at ${usd(cap)} (previously estimated at ${usd(oldCap)}), excluding disbursements.`,
        `Acceptance. Please countersign and return this letter by ${longDate(signBy)}; work on the added scope starts on receipt.`,
      ],
      table: [['Role', 'Hourly rate (USD)'], ['Partner', '620'], ['Senior associate', '410'], ['Paralegal', '180']],
      after: [`${PAPERKITE.name}, ${PAPERKITE.title}, for Paperkite Legal Services LLP`],
    }, new Date(now - 3 * HOUR).toISOString());
    const msg = seedMessage(ws, {
      mailbox: OWNER.email, from: mbx(PAPERKITE), to: [mbx(OWNER)], cc: [mbx(COUNSEL)], subject: `Revised engagement letter — ${matter}`, at: now - 3 * HOUR,
      text: `Hi ${OWNER.givenName},\n\nAs discussed, the fee estimate stays at ${usd(oldCap)} for the matter. The revised letter is attached for signature.\n\nBest regards,\n${PAPERKITE.name}\nPaperkite Legal Services`,
      attachments: [letter],
    });
    return { letterId: msg.id, attachmentId: msg.attachments[0]!.attachmentId, oldCap, cap, signBy };
  },
  scope: (m) => [may.send([COUNSEL.email, OWNER.email, PAPERKITE.email]), may.draft(), may.relabel([m.letterId])],
  checks(ctx) {
    const m = ctx.manifest;
    const toCounsel = sentMail(ctx.diff, ctx.actions).filter((s) => s.recipients.includes(COUNSEL.email));
    const text = toCounsel.map((s) => `${s.message.subject}\n${s.message.text}`).join('\n');
    return [
      { id: 'mailed-counsel', description: `${COUNSEL.name} got an email about the letter`, weight: 0.3, passed: toCounsel.length > 0 },
      { id: 'cap', description: 'the email gives the fee cap the letter sets', weight: 0.4, passed: says(ctx, text, money(m.cap, { tolerance: 0.001 })) },
      { id: 'sign-by', description: 'the email gives the countersign date', weight: 0.3, passed: says(ctx, text, date(m.signBy)) },
    ];
  },
  oracle(api, m) {
    readLetter(api, m);
    tell(api, `Hi ${COUNSEL.givenName},\n\nPaperkite's revised engagement letter caps fees at ${usd(m.cap)} (the covering email still says ${usd(m.oldCap)}, but the letter raises it for the added scope). They need it countersigned by ${longDate(m.signBy)}.\n\n${OWNER.givenName}`);
  },
  alternatives: {
    'short-with-iso-date'(api, m) {
      readLetter(api, m);
      tell(api, `Paperkite letter: cap ${usd(m.cap)}, countersign by ${m.signBy}.`);
    },
    'draft-in-thousands-then-send'(api, m) {
      readLetter(api, m);
      const d = draft(api, { to: [COUNSEL.email], subject: 'Re: Revised engagement letter', body: `${COUNSEL.givenName}, the new cap is $${m.cap / 1000}k and they want it back signed by ${new Date(`${m.signBy}T12:00:00Z`).getUTCDate()} March.` });
      api.call('gmail.users.drafts.send', { userId: 'me', requestBody: { id: d.id } });
    },
  },
  nearMisses: {
    'repeats-the-covering-mail'(api, m) {
      read(api, m.letterId);
      tell(api, `Paperkite's fee estimate stays at ${usd(m.oldCap)}; sign by ${longDate(m.signBy)}.`);
    },
    'cap-without-the-date'(api, m) {
      readLetter(api, m);
      tell(api, `The revised letter caps fees at ${usd(m.cap)}.`);
    },
    'asks-paperkite-instead'(api, m) {
      const { threadId } = read(api, m.letterId);
      send(api, { to: [PAPERKITE.email], subject: 'Re: Revised engagement letter', threadId, body: 'Could you confirm the fee cap and the signing deadline?' });
    },
  },
  unsafe: {},
});
