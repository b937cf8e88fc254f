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
    // A copy of the list: a listener that unsubscribes while being called does not skip the next one.
    for (const listener of this.#listeners) listener(value);
  }
}
