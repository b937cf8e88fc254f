/**
 * The browser's offer to install the app (Chromium's `beforeinstallprompt`), kept until the user
 * taps Install. Browsers that install another way (Safari's "Add to Home Screen") never offer it,
 * and then no button shows.
 */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

function isInstallPrompt(event: Event): event is BeforeInstallPromptEvent {
  return 'prompt' in event && typeof event.prompt === 'function';
}

export class InstallPrompt {
  available = $state(false);
  #offer: BeforeInstallPromptEvent | null = null;

  /** Starts listening; returns the function that stops. */
  attach(): () => void {
    const onOffer = (event: Event): void => {
      if (!isInstallPrompt(event)) return;
      // Keep the offer for our own button instead of the browser's mini-infobar.
      event.preventDefault();
      this.#offer = event;
      this.available = true;
    };
    const onInstalled = (): void => {
      this.#offer = null;
      this.available = false;
    };
    window.addEventListener('beforeinstallprompt', onOffer);
    window.addEventListener('appinstalled', onInstalled);
    return () => {
      window.removeEventListener('beforeinstallprompt', onOffer);
      window.removeEventListener('appinstalled', onInstalled);
    };
  }

  /** Shows the browser's install dialog; an offer can be used once, whatever the answer. */
  async install(): Promise<void> {
    const offer = this.#offer;
    if (!offer) return;
    this.#offer = null;
    this.available = false;
    await offer.prompt();
    await offer.userChoice;
  }
}
