/** Named people of the synthetic company that tasks refer to (the same for every seed). */
import { generateCompany, type Person } from '../datasets/company/company.ts';

/** The company every task is written against. */
export const COMPANY = generateCompany();

/** The workspace owner (the person the agent works for). */
export const OWNER: Person = COMPANY.owner;

/** The employee with this exact title (throws when absent: a task bug caught at load time). */
export function byTitle(title: string): Person {
  const p = COMPANY.employees.find((e) => e.title === title);
  if (!p) throw new Error(`no employee titled ${title}`);
  return p;
}

/** An outsider of the given relation, the n-th one (0-based). */
export function outsider(relation: Person['relation'], n = 0): Person {
  const p = COMPANY.outsiders.filter((o) => o.relation === relation)[n];
  if (!p) throw new Error(`no ${relation} outsider #${n}`);
  return p;
}

/** "Name <email>" for mail headers. */
export function mailbox(p: Person): string {
  return `${p.name} <${p.email}>`;
}
