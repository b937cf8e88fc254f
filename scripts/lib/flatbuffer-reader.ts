/**
 * A minimal, schema-less FlatBuffers reader: enough to walk the few TFLite and
 * TFLite-metadata tables we touch without generated code.
 *
 * Layout facts (FlatBuffers binary format): a table starts with a signed 32-bit
 * offset back to its vtable; the vtable holds its own byte size, the table size,
 * then one 16-bit field offset per slot (0 = field absent). Offsets to strings,
 * vectors and sub-tables are unsigned 32-bit and relative to where they are stored.
 */

const UOFFSET_BYTES = 4;
const VTABLE_HEADER_BYTES = 4;
const VTABLE_ENTRY_BYTES = 2;

export class FlatBufferReader {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Absolute position of the root table. */
  rootTable(): number {
    return this.view.getUint32(0, true);
  }

  /** The 4-character file identifier stored after the root offset. */
  fileIdentifier(): string {
    return String.fromCharCode(...this.bytes.subarray(UOFFSET_BYTES, UOFFSET_BYTES + 4));
  }

  /** Number of field slots declared by the table's vtable. */
  slotCount(table: number): number {
    const vtable = table - this.view.getInt32(table, true);
    return (this.view.getUint16(vtable, true) - VTABLE_HEADER_BYTES) / VTABLE_ENTRY_BYTES;
  }

  /** Absolute position of a field's inline value, or null when the field is absent. */
  fieldPosition(table: number, slot: number): number | null {
    const vtable = table - this.view.getInt32(table, true);
    const vtableBytes = this.view.getUint16(vtable, true);
    const entry = VTABLE_HEADER_BYTES + slot * VTABLE_ENTRY_BYTES;
    if (entry >= vtableBytes) return null;
    const relative = this.view.getUint16(vtable + entry, true);
    return relative === 0 ? null : table + relative;
  }

  /** Follows the unsigned offset stored at `position`. */
  deref(position: number): number {
    return position + this.view.getUint32(position, true);
  }

  /** Absolute position of the object a reference field points to, or null. */
  reference(table: number, slot: number): number | null {
    const at = this.fieldPosition(table, slot);
    return at === null ? null : this.deref(at);
  }

  uint8(table: number, slot: number, fallback = 0): number {
    const at = this.fieldPosition(table, slot);
    return at === null ? fallback : this.view.getUint8(at);
  }

  uint32(table: number, slot: number, fallback = 0): number {
    const at = this.fieldPosition(table, slot);
    return at === null ? fallback : this.view.getUint32(at, true);
  }

  uint64(table: number, slot: number): bigint {
    const at = this.fieldPosition(table, slot);
    return at === null ? 0n : this.view.getBigUint64(at, true);
  }

  string(table: number, slot: number): string | null {
    const at = this.reference(table, slot);
    if (at === null) return null;
    const length = this.view.getUint32(at, true);
    return new TextDecoder().decode(this.bytes.subarray(at + UOFFSET_BYTES, at + UOFFSET_BYTES + length));
  }

  /** Element count and position of the first element of a vector field. */
  vector(table: number, slot: number): { length: number; start: number } | null {
    const at = this.reference(table, slot);
    if (at === null) return null;
    return { length: this.view.getUint32(at, true), start: at + UOFFSET_BYTES };
  }

  /** Absolute positions of the tables in a vector-of-tables field. */
  tables(table: number, slot: number): number[] {
    const vec = this.vector(table, slot);
    if (vec === null) return [];
    return Array.from({ length: vec.length }, (_, i) => this.deref(vec.start + i * UOFFSET_BYTES));
  }

  bytesOf(table: number, slot: number): Uint8Array | null {
    const vec = this.vector(table, slot);
    return vec === null ? null : this.bytes.subarray(vec.start, vec.start + vec.length);
  }

  float32s(table: number, slot: number): number[] {
    const vec = this.vector(table, slot);
    if (vec === null) return [];
    return Array.from({ length: vec.length }, (_, i) => this.view.getFloat32(vec.start + i * 4, true));
  }

  int32s(table: number, slot: number): number[] {
    const vec = this.vector(table, slot);
    if (vec === null) return [];
    return Array.from({ length: vec.length }, (_, i) => this.view.getInt32(vec.start + i * 4, true));
  }
}
