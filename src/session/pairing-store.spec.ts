import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { RememberedBaby, RememberedParent } from '../link/peer-link.ts';
import { MIN_REMAINING_MS, PairingStore } from './pairing-store.ts';

/** Node has no RTCCertificate: a plain, cloneable stand-in with the one field the store reads. */
interface FakeCertificate {
  id: number;
  expires: number;
}

const DAY = 24 * 3600 * 1000;
/** Certificates made across all stores in this file, so two are never alike. */
let certificatesMade = 0;

function store(factory: IDBFactory, now: () => number = () => 0): { store: PairingStore; made: FakeCertificate[]; warnings: string[] } {
  const made: FakeCertificate[] = [];
  const warnings: string[] = [];
  const pairing = new PairingStore({
    factory,
    now,
    newCertificate: () => {
      certificatesMade += 1;
      const certificate = { id: certificatesMade, expires: now() + 365 * DAY };
      made.push(certificate);
      return Promise.resolve(certificate as unknown as RTCCertificate);
    },
    usableCertificate: (value, at): value is RTCCertificate => typeof value === 'object' && value !== null && typeof (value as FakeCertificate).expires === 'number' && (value as FakeCertificate).expires - at > MIN_REMAINING_MS,
    warn: (message) => warnings.push(message),
  });
  return { store: pairing, made, warnings };
}

const parent: RememberedParent = { iceUfrag: 'AbCd', icePwd: 'p'.repeat(24), fingerprint: { algorithm: 'sha-256', digest: new Uint8Array(32).fill(7) } };
const baby: RememberedBaby = { iceUfrag: 'WxYz', icePwd: 'q'.repeat(24), babyFingerprint: { algorithm: 'sha-256', digest: new Uint8Array(32).fill(9) } };

describe('the remembered pairing', () => {
  it('keeps one certificate per role across app starts, so the fingerprint the other phone pinned stays', async () => {
    const factory = new IDBFactory();
    const first = store(factory);
    const a = await first.store.baby();
    expect(a.parent).toBeNull();
    const again = store(factory);
    const b = await again.store.baby();
    expect((b.certificate as unknown as FakeCertificate).id).toBe((a.certificate as unknown as FakeCertificate).id);
    expect(again.made).toEqual([]);
    // The parent role has its own.
    const p = await again.store.parent();
    expect((p.certificate as unknown as FakeCertificate).id).not.toBe((a.certificate as unknown as FakeCertificate).id);
  });

  it('remembers the other phone after a connection, with the same certificate', async () => {
    const factory = new IDBFactory();
    const { store: s } = store(factory);
    const before = await s.baby();
    await s.rememberParent(parent);
    await s.rememberBaby(baby);
    const reopened = store(factory).store;
    const b = await reopened.baby();
    expect(b.parent).toEqual(parent);
    expect(b.certificate).toEqual(before.certificate);
    expect((await reopened.parent()).baby).toEqual(baby);
  });

  it('forgets: the record, certificate included, goes; the next pairing is a new identity', async () => {
    const factory = new IDBFactory();
    const { store: s } = store(factory);
    const before = await s.baby();
    await s.rememberParent(parent);
    await s.forget('baby');
    const after = await s.baby();
    expect(after.parent).toBeNull();
    expect(after.certificate).not.toEqual(before.certificate);
  });

  it('an expiring certificate is replaced, and what was remembered with it is dropped', async () => {
    const factory = new IDBFactory();
    let now = 0;
    const { store: s } = store(factory, () => now);
    await s.baby();
    await s.rememberParent(parent);
    now = 365 * DAY - MIN_REMAINING_MS / 2;
    const later = await s.baby();
    expect(later.parent).toBeNull();
    expect((later.certificate as unknown as FakeCertificate).expires).toBe(now + 365 * DAY);
  });

  it('a damaged remembered peer is not used', async () => {
    const factory = new IDBFactory();
    const { store: s } = store(factory);
    await s.baby();
    await s.rememberParent({ ...parent, icePwd: 'short' });
    expect((await s.baby()).parent).toBeNull();
  });

  it('without IndexedDB the pairing still works, unremembered, and says so', async () => {
    const warnings: string[] = [];
    const s = new PairingStore({
      factory: undefined,
      newCertificate: () => Promise.resolve({ expires: 1e15 } as unknown as RTCCertificate),
      warn: (m) => warnings.push(m),
    });
    // Node has no global indexedDB, so the store has none.
    const b = await s.baby();
    expect(b.parent).toBeNull();
    expect(warnings.join(' ')).toMatch(/could not be read/);
  });
});
