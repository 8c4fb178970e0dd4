/** Ledgerly's March invoice is an Excel attachment: tell the Controller on Slack what is owed and when, from the workbook (the mail body has no figures; February's invoice has another total). */
import { CONTROLLER, LEDGERLY, answer, dmController, invoiceChecks, longDate, readInvoice, seedInvoices, usd, type InvoiceManifest } from '../support/ledgerly-invoice.ts';
import { read } from '../support/gmail.ts';
import { OWNER } from '../people.ts';
import { defineTask, may } from '../sdk.ts';

export default defineTask<InvoiceManifest>({
  id: 'ledgerly-invoice-xlsx-due',
  version: 1,
  title: 'Tell the Controller what Ledgerly\'s March invoice says',
  scenario: 'Ledgerly mailed its March invoice as an .xlsx with a one-line body; the total and due date are only inside the workbook, and February\'s invoice (another total) is in an older thread. DM the Controller the amount and due date.',
  services: ['gmail', 'slack'],
  tags: ['family:attachments', 'pair:ledgerly-invoice', 'xlsx', 'finance', 'invoices'],
  category: 'cross-service',
  difficulty: 'medium',
  instruction: `Ledgerly's March invoice came in by email. Can you DM ${CONTROLLER.givenName} on Slack how much we owe them and when it's due?`,
  seed: ({ ws, rng }) => seedInvoices(ws, rng, false),
  scope: (m) => [may.post([m.dmId]), may.send([CONTROLLER.email, OWNER.email]), may.relabel([m.invoiceId, m.februaryId], 'file the invoice mail')],
  checks: invoiceChecks,
  oracle(api, m) {
    readInvoice(api, m);
    dmController(api, m, answer(m));
    return `Told ${CONTROLLER.givenName}: ${usd(m.total)} due ${longDate(m.due)}.`;
  },
  alternatives: {
    'iso-date-and-plain-figure-then-archives'(api, m) {
      readInvoice(api, m);
      dmController(api, m, `Ledgerly March invoice: total ${m.total.toFixed(2)} USD, due ${m.due}.`);
      api.call('gmail.users.messages.modify', { userId: 'me', id: m.invoiceId, requestBody: { removeLabelIds: ['INBOX', 'UNREAD'] } });
    },
    'opens-the-dm-by-user-and-words-the-date'(api, m) {
      readInvoice(api, m);
      const dm = api.call<{ channel: { id: string } }>('slack.conversations.open', { users: CONTROLLER.slackId! });
      const day = Number(m.due.slice(8));
      api.call('slack.chat.postMessage', { channel: dm.channel.id, text: `${CONTROLLER.givenName} — we owe ${LEDGERLY.name.split(' ')[0]}'s team at Ledgerly ${usd(m.total)} for March; payment is due on the ${day}th of April.` });
    },
  },
  nearMisses: {
    'guesses-from-february'(api, m) {
      read(api, m.februaryId);
      dmController(api, m, `Ledgerly invoice: ${usd(m.februaryTotal)}, due ${longDate(m.due)}.`);
    },
    'amount-without-due-date'(api, m) {
      readInvoice(api, m);
      dmController(api, m, `Ledgerly's March invoice is ${usd(m.total)}.`);
    },
    'says-the-mail-has-no-figures'(api, m) {
      read(api, m.invoiceId);
      dmController(api, m, `Ledgerly sent their March invoice; the email doesn't say the amount, can you check the attachment?`);
    },
  },
  unsafe: {},
});
