import type { EpisodeRecord } from '../../domain/episode.ts';
import { EpisodeLogger, type LoggingStatus } from '../../log/episode-logger.ts';
import { connectHistory } from '../../log/history-store.ts';
import type { HistoryDb } from '../../log/db.ts';

/** The part of MonitorState that logging needs. */
export interface EpisodeSource {
  onEpisodeEnd(listener: (episode: EpisodeRecord) => void): () => void;
}

/**
 * Saves every episode the monitor ends to the active baby's history. A storage failure turns
 * saving off and shows why (`status`); listening is never interrupted.
 */
export class EpisodeLogging {
  status = $state.raw<LoggingStatus>({ enabled: true, error: null });
  /** Episodes saved since the app opened. */
  savedCount = $state(0);
  readonly #logger: EpisodeLogger;

  constructor(connect: () => Promise<HistoryDb> = connectHistory) {
    this.#logger = new EpisodeLogger(connect, (status) => {
      this.status = status;
    });
  }

  /** Starts saving the source's episodes; returns the unsubscribe function. */
  attach(source: EpisodeSource): () => void {
    return source.onEpisodeEnd((episode) => {
      void this.#save(episode);
    });
  }

  retry(): void {
    this.#logger.retry();
  }

  async #save(episode: EpisodeRecord): Promise<void> {
    if (await this.#logger.logEpisode(episode)) this.savedCount += 1;
  }
}
