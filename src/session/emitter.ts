/** A tiny listener list: the session's seams are plain callbacks, not a framework's stores. */
export class Emitter<T> {
  #listeners: readonly ((value: T) => void)[] = [];

  /** Adds `listener`; returns the unsubscribe. */
  on(listener: (value: T) => void): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((other) => other !== listener);
    };
  }

  emit(value: T): void {
    // The list is replaced, never mutated: a listener that unsubscribes while called skips no other.
    for (const listener of this.#listeners) listener(value);
  }
}
