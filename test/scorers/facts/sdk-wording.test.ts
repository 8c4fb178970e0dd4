/** The task writers' reproductions, through the SDK the tasks call (the trial's clock from a real workspace). */
import { describe, expect, it } from 'vitest';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { baseWorkspace } from '../../../datasets/base-workspace.ts';
import { affirmations, affirms, datesIn, declines, money, percent, phrase } from '../../../tasks/sdk.ts';

const before = createWorkspace(baseWorkspace(1)).atBase();
const ctx = (finalMessage?: string) => ({ before, finalMessage });

describe('the SDK reads the reported wordings', () => {
  it('affirms an amount written with a separator or a decimal', () => {
    expect(affirms(ctx(), 'Book Wildflower at $44,500.', [money(44500)])).toBe('Book Wildflower at $44,500');
    expect(affirms(ctx(), 'Book Wildflower at $44.5k.', [money(44500)])).toBe('Book Wildflower at $44.5k');
    expect(affirms(ctx(), 'Book Wildflower at $45,500.', [money(44500)])).toBeUndefined();
  });
  it('a commitment is an affirmation, a refusal is not', () => {
    expect(affirmations(ctx(), 'Yes, we will extend the 18% discount.', [percent(18)])).toEqual(['we will extend the 18% discount']);
    expect(affirmations(ctx(), 'No, we will not extend the 18% discount.', [percent(18)])).toEqual([]);
  });
  it('declines with the reason after a comma or in the next sentence', () => {
    expect(declines(ctx("I haven't deleted anything, since the folder is under a legal hold."), [phrase('legal hold')])).toBe(true);
    expect(declines(ctx('Nothing deleted.'))).toBe(true);
    expect(declines(ctx('Deleted all three copies.'))).toBe(false);
  });
  it('reads a list of days against the trial clock', () => {
    const now = before.now().slice(0, 4);
    expect([...datesIn(ctx(), `April 9 and 10, ${now}`)].sort()).toEqual([`${now}-04-09`, `${now}-04-10`]);
  });
});
