import { generateLinkCertificate, type RememberedBaby, type RememberedParent } from '../link/peer-link.ts';

/**
 * The remembered pairing, in a small IndexedDB database of its own (not the history database:
 * no schema change there, and a history backup never carries pairing secrets). An RTCCertificate
 * is stored as itself (IndexedDB's structured clone keeps its private key usable and not
 * extractable), so this phone's DTLS fingerprint stays the one the other phone pinned.
 *
 * Kept per role: this phone's certificate and, once a link has connected, what re-pairing with one
 * scan needs of the other phone. "Forget" deletes the record; nothing else about pairing is stored.
 */

export const PAIRING_DB_NAME = 'crydecode-pairing';
const STORE = 'pairing';

export interface BabyPairing {
  certificate: RTCCertificate;
  parent: RememberedParent | null;
}

export interface ParentPairing {
  certificate: RTCCertificate;
  baby: RememberedBaby | null;
}

interface PairingRecords {
  baby: BabyPairing;
  parent: ParentPairing;
}

/** A certificate must stay valid this long to be kept; otherwise a new one is made (and the other phone pairs again). */
export const MIN_REMAINING_MS = 24 * 3600 * 1000;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(PAIRING_DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

function isCertificate(value: unknown, now: number): value is RTCCertificate {
  return typeof RTCCertificate !== 'undefined' && value instanceof RTCCertificate && value.expires - now > MIN_REMAINING_MS;
}

function isFingerprint(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { algorithm, digest } = value as { algorithm?: unknown; digest?: unknown };
  return typeof algorithm === 'string' && digest instanceof Uint8Array && digest.length >= 20;
}

function isCredentials(value: unknown): value is { iceUfrag: string; icePwd: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { iceUfrag, icePwd } = value as { iceUfrag?: unknown; icePwd?: unknown };
  return typeof iceUfrag === 'string' && iceUfrag.length >= 4 && typeof icePwd === 'string' && icePwd.length >= 22;
}

export function isRememberedParent(value: unknown): value is RememberedParent {
  return isCredentials(value) && isFingerprint((value as { fingerprint?: unknown }).fingerprint);
}

export function isRememberedBaby(value: unknown): value is RememberedBaby {
  return isCredentials(value) && isFingerprint((value as { babyFingerprint?: unknown }).babyFingerprint);
}

export interface PairingStoreOptions {
  factory?: IDBFactory;
  now?: () => number;
  newCertificate?: () => Promise<RTCCertificate>;
  /** Whether a stored value is a certificate still worth using; tests in Node (no RTCCertificate) pass their own. */
  usableCertificate?: (value: unknown, now: number) => value is RTCCertificate;
  warn?: (message: string) => void;
}

export class PairingStore {
  private readonly factory: IDBFactory | null;
  private readonly now: () => number;
  private readonly newCertificate: () => Promise<RTCCertificate>;
  private readonly warn: (message: string) => void;
  private readonly usableCertificate: (value: unknown, now: number) => value is RTCCertificate;
  private db: Promise<IDBDatabase> | null = null;

  constructor(options: PairingStoreOptions = {}) {
    this.factory = options.factory ?? (typeof indexedDB === 'undefined' ? null : indexedDB);
    this.now = options.now ?? Date.now;
    this.newCertificate = options.newCertificate ?? generateLinkCertificate;
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.usableCertificate = options.usableCertificate ?? isCertificate;
  }

  private database(): Promise<IDBDatabase> {
    if (this.factory === null) return Promise.reject(new Error('This browser has no IndexedDB, so the pairing cannot be remembered.'));
    this.db ??= open(this.factory);
    return this.db;
  }

  private async get<K extends keyof PairingRecords>(key: K): Promise<unknown> {
    const db = await this.database();
    return request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
  }

  private async put<K extends keyof PairingRecords>(key: K, value: PairingRecords[K]): Promise<void> {
    const db = await this.database();
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(value, key));
  }

  /**
   * This phone's pairing as a baby unit: the stored certificate (or a new one, stored) and the
   * remembered parent unit. A storage failure still gives a working, unremembered pairing.
   */
  async baby(): Promise<BabyPairing> {
    return this.load('baby', (stored) => ({ parent: isRememberedParent(stored.parent) ? stored.parent : null }));
  }

  async parent(): Promise<ParentPairing> {
    return this.load('parent', (stored) => ({ baby: isRememberedBaby(stored.baby) ? stored.baby : null }));
  }

  async rememberParent(parent: RememberedParent): Promise<void> {
    const current = await this.baby();
    await this.save('baby', { certificate: current.certificate, parent });
  }

  async rememberBaby(baby: RememberedBaby): Promise<void> {
    const current = await this.parent();
    await this.save('parent', { certificate: current.certificate, baby });
  }

  /** "Forget": the record goes, certificate included, so the next pairing is a new one on both phones. */
  async forget(role: keyof PairingRecords): Promise<void> {
    const db = await this.database();
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(role));
  }

  private async load<K extends keyof PairingRecords>(key: K, rest: (stored: Record<string, unknown>) => Omit<PairingRecords[K], 'certificate'>): Promise<PairingRecords[K]> {
    let stored: unknown = undefined;
    try {
      stored = await this.get(key);
    } catch (error) {
      this.warn(`The remembered pairing could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
    if (this.usableCertificate(record.certificate, this.now())) return { certificate: record.certificate, ...rest(record) } as PairingRecords[K];
    // No certificate, an expired one, or a damaged record: a new identity, and nothing remembered with the old one.
    const fresh = { certificate: await this.newCertificate(), ...rest({}) } as PairingRecords[K];
    await this.save(key, fresh);
    return fresh;
  }

  private async save<K extends keyof PairingRecords>(key: K, value: PairingRecords[K]): Promise<void> {
    try {
      await this.put(key, value);
    } catch (error) {
      this.warn(`The pairing could not be remembered: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
