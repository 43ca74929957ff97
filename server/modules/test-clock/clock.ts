/** The server's clock, moved forward on command. Real time keeps running; the offset only grows. */
export class OffsetClock {
  #offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.#offsetMs);
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}
