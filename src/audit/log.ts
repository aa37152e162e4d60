// Appends events to the chain one at a time. Sealing needs the current head and an async
// hash, while a SQLite transaction is synchronous, so appends are serialized here and the
// store refuses an event whose seq is already taken (another process got there first).
import { ChainConflictError, type ReviewStore } from "../store/store.js";
import { sealEvent, type AuditEvent, type AuditEventDraft } from "./chain.js";

const MAX_ATTEMPTS = 25;

export class AuditLog {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<ReviewStore, "chainHead">,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Seals `draft` onto the chain and hands the event to `write`, which must commit it together
   * with whatever rows it belongs to. Resolves to the committed event.
   */
  record(draft: AuditEventDraft, write: (event: AuditEvent) => Promise<void>): Promise<AuditEvent> {
    const run = this.tail.then(() => this.append(draft, write));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async append(draft: AuditEventDraft, write: (event: AuditEvent) => Promise<void>): Promise<AuditEvent> {
    for (let attempt = 1; ; attempt++) {
      const event = await sealEvent(await this.store.chainHead(), draft, this.now().toISOString());
      try {
        await write(event);
        return event;
      } catch (err) {
        if (!(err instanceof ChainConflictError) || attempt >= MAX_ATTEMPTS) throw err;
        // Another process won the race for this seq. A random pause, growing with each loss,
        // stops two writers from colliding in lockstep.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * attempt));
      }
    }
  }
}
