/** How long `vite preview` may take to answer on a loaded machine. */
const SERVER_START_TIMEOUT_MS = 30_000;

/** Resolves once `url` answers 200; the bench scripts start `vite preview` and wait here. */
export async function waitForServer(url: string, timeoutMs = SERVER_START_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`vite preview did not answer at ${url}; run "npm run build" first`);
}
