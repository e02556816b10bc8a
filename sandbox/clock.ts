/**
 * The tenant's simulated time. Life cycles are scheduled in virtual milliseconds; virtual time runs `speed` times
 * as fast as the (injectable) real clock, and changing the speed does not make scheduled steps jump.
 */
export class VirtualClock {
  private baseReal: number;
  private baseVirtual = 0;

  constructor(
    private readonly realNow: () => number,
    private speed: number,
  ) {
    this.baseReal = realNow();
  }

  /** Virtual ms since the tenant was (re)seeded. */
  virtual(): number {
    return this.baseVirtual + (this.realNow() - this.baseReal) * this.speed;
  }

  /** Real ms the caller must wait for `virtualMs` to pass. */
  realDelay(virtualMs: number): number {
    return Math.max(0, virtualMs) / this.speed;
  }

  /** Real epoch ms at which virtual time `virtualMs` was (or will be) reached at the current speed. */
  realAt(virtualMs: number): number {
    return this.baseReal + (virtualMs - this.baseVirtual) / this.speed;
  }

  setSpeed(speed: number): void {
    this.baseVirtual = this.virtual();
    this.baseReal = this.realNow();
    this.speed = speed;
  }
}
