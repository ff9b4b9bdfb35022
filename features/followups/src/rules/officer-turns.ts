import { type Executor } from '@leadmatch/db';
import { activeOfficerIds, lockOfficerTurn, officerAfter, saveOfficerTurn } from '../officer-turn-repository.ts';

/**
 * Round-robin assignment for many runs in one transaction: the active officers are read once, the
 * shared position is locked only when someone's turn is taken, and saved once at the end.
 */
export class OfficerTurns {
  #last: string | null | undefined;
  #moved = false;

  private constructor(
    private readonly trx: Executor,
    private readonly officers: string[],
  ) {}

  static async load(trx: Executor): Promise<OfficerTurns> {
    return new OfficerTurns(trx, await activeOfficerIds(trx));
  }

  isActive(officerId: string): boolean {
    return this.officers.includes(officerId);
  }

  /** The next active officer in turn; null when there is none. */
  async next(): Promise<string | null> {
    if (this.#last === undefined) this.#last = await lockOfficerTurn(this.trx);
    const next = officerAfter(this.officers, this.#last);
    if (!next) return null;
    this.#last = next;
    this.#moved = true;
    return next;
  }

  async save(): Promise<void> {
    if (this.#moved && this.#last) await saveOfficerTurn(this.trx, this.#last);
  }
}
