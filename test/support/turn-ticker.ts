/**
 * Marks each turn of the event loop in a log: a ticker that pushes 'T' and re-arms itself with
 * `setImmediate`, so a test can tell whether two events it logs happened in one turn.
 */
export function startTurnTicker(log: string[]): { stop(): void } {
  let ticking = true;
  const tick = () => {
    log.push('T');
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  return { stop: () => void (ticking = false) };
}
