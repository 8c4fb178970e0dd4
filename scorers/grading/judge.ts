/**
 * Model-judged rubric items: free-text quality a deterministic check cannot decide ("the
 * summary is accurate and fit for the client"). A pinned judge model answers each item
 * yes or no; verdicts are stored with the judge id and a hash of the judged text, and
 * `rescore` reuses them while the text is unchanged. Without a judge the items stay
 * "not graded" and the deterministic checks decide the score.
 */
import { stableHash, type JudgeItem, type Provider, type ScoreContext, type Task } from '../../harness/core/index.ts';

/** A verdict on one judged item. */
export interface Verdict {
  readonly passed: boolean;
  readonly reason: string;
  readonly subjectHash: string;
}

/** A judge: a provider pinned to one model, named `provider:model`. */
export interface Judge {
  readonly id: string;
  readonly provider: Provider;
}

/** Longest text a judge reads. */
const MAX_SUBJECT = 20_000;

const SYSTEM = [
  'You grade one item of a rubric for an office-assistant benchmark.',
  'You are shown the rubric item and the text the assistant produced. Judge only that text against the item.',
  'Answer with one JSON object and nothing else: {"verdict": "pass" | "fail", "reason": "<one sentence>"}.',
].join(' ');

/** The judged text of an item, bounded, and its hash (rubric included: a changed rubric is a new question). */
export function judgedSubject(item: JudgeItem, ctx: ScoreContext<unknown>): { text: string; hash: string } {
  let text = '';
  try {
    text = String(item.subject(ctx) ?? '').slice(0, MAX_SUBJECT);
  } catch {
    text = '';
  }
  return { text, hash: stableHash(`${item.rubric}\u0000${text}`).slice(0, 32) };
}

/** Reads a verdict from the judge's answer: the JSON asked for, or a leading pass/fail word. */
export function parseVerdict(answer: string): { passed: boolean; reason: string } | undefined {
  const json = /\{[\s\S]*\}/.exec(answer)?.[0];
  if (json) {
    try {
      const v = JSON.parse(json) as { verdict?: unknown; reason?: unknown };
      const word = String(v.verdict ?? '').toLowerCase();
      if (word === 'pass' || word === 'fail') return { passed: word === 'pass', reason: String(v.reason ?? '').slice(0, 500) };
    } catch {
      // fall through to the plain-word reading
    }
  }
  const m = /\b(pass|fail)\b/i.exec(answer);
  return m ? { passed: m[1]!.toLowerCase() === 'pass', reason: answer.trim().slice(0, 500) } : undefined;
}

/**
 * Verdicts for every judged item of a trial: stored ones reused when judge and text match,
 * the rest asked of the judge. An item whose answer cannot be read stays ungraded.
 */
export async function judgeTrial(
  task: Task, ctx: ScoreContext<unknown>, judge: Judge, stored: ReadonlyArray<{ itemId: string; judge: string; subjectHash: string; passed: boolean; reason: string }> = [],
): Promise<Map<string, Verdict>> {
  const out = new Map<string, Verdict>();
  for (const item of task.judged?.(ctx.manifest as never) ?? []) {
    const { text, hash } = judgedSubject(item, ctx);
    const prior = stored.find((s) => s.itemId === item.id && s.judge === judge.id && s.subjectHash === hash);
    if (prior) {
      out.set(item.id, { passed: prior.passed, reason: prior.reason, subjectHash: hash });
      continue;
    }
    if (!text.trim()) {
      out.set(item.id, { passed: false, reason: 'nothing to judge: the text is empty', subjectHash: hash });
      continue;
    }
    let answer: string;
    try {
      const res = await judge.provider.complete({
        system: SYSTEM, tools: [],
        messages: [{ role: 'user', content: `Rubric item: ${item.rubric}\n\nInstruction the assistant was given: ${ctx.instruction}\n\nText to judge:\n<<<\n${text}\n>>>` }],
      });
      answer = res.text;
    } catch {
      // The judge being unreachable leaves the item ungraded; the deterministic checks still decide.
      continue;
    }
    const v = parseVerdict(answer);
    if (v) out.set(item.id, { ...v, subjectHash: hash });
  }
  return out;
}
