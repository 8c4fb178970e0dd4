/** RFC 5322 address lists: `Name <a@b>, "Last, First" <c@d>, e@f` into names and lower-case addresses. */

/** One mailbox of an address list. */
export interface Mailbox {
  readonly name: string;
  readonly address: string;
}

/** Splits an address-list header value at top-level commas (outside quotes and angle brackets). */
function splitList(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && quoted) {
      cur += ch + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle++;
    else if (!quoted && ch === '>') angle = Math.max(0, angle - 1);
    if ((ch === ',' || ch === ';') && !quoted && angle === 0) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Parses an address list; entries without an `@` are dropped (they cannot receive mail). */
export function parseAddressList(value: string | undefined): Mailbox[] {
  if (!value) return [];
  const out: Mailbox[] = [];
  for (const item of splitList(value)) {
    // Group syntax `undisclosed-recipients:;` carries no addresses.
    const m = /^(.*)<([^<>]*)>\s*$/.exec(item);
    let name = '';
    let address = item;
    if (m) {
      name = m[1]!.trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1');
      address = m[2]!.trim();
    }
    address = address.replace(/^mailto:/i, '').trim().toLowerCase();
    if (/^[^\s@]+@[^\s@]+$/.test(address)) out.push({ name, address });
  }
  return out;
}

/** True when every entry of an address-list header is a usable mailbox (group syntax aside). */
export function isValidAddressList(value: string): boolean {
  return splitList(value).every((item) => /:\s*$/.test(item) || parseAddressList(item).length === 1);
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
