/**
 * RFC 5322 address lists: `Name <a@b>, "Last, First" <c@d>, e@f` into names and lower-case
 * addresses. Parsing is nodemailer's addressparser (the one mailparser uses: quoted names,
 * comments, groups, linear in the input); this module keeps deskbench's rules on top
 * (entries without an `@` cannot receive mail, `mailto:` prefixes are dropped, groups are
 * flattened).
 */
import addressparser from 'nodemailer/lib/addressparser';
import { remember } from '../../core/index.ts';

/** One mailbox of an address list. */
export interface Mailbox {
  readonly name: string;
  readonly address: string;
}

/** Longest address-list value parsed; the rest is ignored (a real header is a few kilobytes). */
export const MAX_ADDRESS_LIST_LENGTH = 64 * 1024;

interface Entry {
  readonly name: string;
  readonly address: string;
  readonly group: boolean;
}

// A message's headers are read more than once on its way in (validated, then parsed into the
// record), and the same lists recur across trials: parsed lists are remembered, bounded like
// every cache here (past the bound the memory starts over). Entries are read-only.
const PARSED = new Map<string, readonly Entry[]>();
const MAX_PARSED = 1024;
/** Longer lists are parsed each time, so the memory stays small (at most about 2 MB of keys). */
const MAX_REMEMBERED_LENGTH = 2048;

/** The entries of an address list as addressparser reads them: groups flattened, `mailto:` dropped. */
function entries(value: string): readonly Entry[] {
  if (value.length > MAX_REMEMBERED_LENGTH) return parseEntries(value);
  return remember(PARSED, value, MAX_PARSED, () => parseEntries(value));
}

function parseEntries(value: string): readonly Entry[] {
  const src = (value.length > MAX_ADDRESS_LIST_LENGTH ? value.slice(0, MAX_ADDRESS_LIST_LENGTH) : value).replace(/(^|[\s,;<])mailto:/gi, '$1');
  const out: Entry[] = [];
  for (const a of addressparser(src)) {
    if (a.group !== undefined) {
      for (const m of a.group) if (m.group === undefined) out.push({ name: m.name, address: m.address, group: true });
      if (a.group.length === 0) out.push({ name: a.name, address: '', group: true });
    } else {
      out.push({ name: a.name, address: a.address, group: false });
    }
  }
  return Object.freeze(out.map((e) => Object.freeze(e)));
}

/** Parses an address list; entries without an `@` are dropped (they cannot receive mail). */
export function parseAddressList(value: string | undefined): Mailbox[] {
  if (!value) return [];
  const out: Mailbox[] = [];
  for (const e of entries(value)) {
    const address = e.address.trim().toLowerCase();
    if (/^[^\s@]+@[^\s@]+$/.test(address)) out.push({ name: e.name.trim(), address });
  }
  return out;
}

/** True when every entry of an address-list header is a usable mailbox (an empty group such as `undisclosed-recipients:;` aside). */
export function isValidAddressList(value: string): boolean {
  return entries(value).every((e) => (e.group && e.address === '') || /^[^\s@]+@[^\s@]+$/.test(e.address.trim()));
}

/** True for a plausible single email address. */
export function isEmailAddress(s: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(s);
}

/** Formats a mailbox for a header: `"Name" <addr>` or the bare address. */
export function formatMailbox(name: string, address: string): string {
  if (!name) return address;
  const safe = /^[\w .'-]*$/.test(name) ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`;
  return `${safe} <${address}>`;
}

/** The domain of an address, lower-case. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
