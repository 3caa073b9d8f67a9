/**
 * Runs async tasks one at a time, in the order they were given; a task that fails does not stop
 * the ones after it. Evaluations running at the same time share one assessor per rule set
 * (prepared-rule-set.ts), and a json-rules-engine engine is not safe under concurrent runs.
 */
export class TurnQueue {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.last.then(task);
    this.last = turn.catch(() => undefined);
    return turn;
  }
}
