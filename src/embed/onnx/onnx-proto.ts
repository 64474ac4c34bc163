// Just enough of the ONNX protobuf schema (onnx/onnx.proto3) to write a small model by hand, so
// the tests can build their own model without Python or a download. Only the messages and fields
// a graph of standard operators needs; field numbers are the schema's.
//
// Protobuf wire format: each field is a key varint (field number << 3 | wire type) followed by a
// varint (type 0) or a length and that many bytes (type 2: strings, bytes, nested messages,
// packed repeated numbers).

/** ONNX TensorProto.DataType values used here. */
export const FLOAT = 1;
export const INT32 = 6;
export const INT64 = 7;
export const FLOAT16 = 10;

/** A protobuf message under construction: append fields, then `bytes()`. */
export class ProtoWriter {
  readonly #chunks: Uint8Array[] = [];

  varint(field: number, value: number | bigint): this {
    this.#key(field, 0);
    this.#varint(BigInt(value));
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  bytesField(field: number, value: Uint8Array): this {
    this.#key(field, 2);
    this.#varint(BigInt(value.length));
    this.#chunks.push(value);
    return this;
  }

  message(field: number, message: ProtoWriter): this {
    return this.bytesField(field, message.bytes());
  }

  /** A packed repeated int64 field. */
  packedInt64(field: number, values: readonly number[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.#varint(BigInt(v));
    return this.bytesField(field, inner.bytes());
  }

  bytes(): Uint8Array {
    const length = this.#chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(length);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  #key(field: number, wireType: number): void {
    this.#varint(BigInt((field << 3) | wireType));
  }

  #varint(value: bigint): void {
    // Negative int64s are written as their 64-bit two's complement (ten bytes), as protobuf does.
    let v = BigInt.asUintN(64, value);
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v !== 0n);
    this.#chunks.push(Uint8Array.from(bytes));
  }
}

/** TensorProto: an initializer (weights) or a constant. Data goes in `raw_data`, little-endian. */
export function tensor(name: string, dims: readonly number[], data: Float32Array | BigInt64Array): ProtoWriter {
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return new ProtoWriter()
    .packedInt64(1, dims) // dims
    .varint(2, data instanceof Float32Array ? FLOAT : INT64) // data_type
    .string(8, name) // name
    .bytesField(9, raw); // raw_data
}

/** ValueInfoProto for a tensor input or output; a string dimension is symbolic (`batch`, `seq`). */
export function valueInfo(name: string, elemType: number, shape: readonly (number | string)[]): ProtoWriter {
  const shapeProto = new ProtoWriter();
  for (const d of shape) {
    const dim = typeof d === 'number' ? new ProtoWriter().varint(1, d) : new ProtoWriter().string(2, d);
    shapeProto.message(1, dim); // TensorShapeProto.dim
  }
  const tensorType = new ProtoWriter().varint(1, elemType).message(2, shapeProto); // elem_type, shape
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType)); // name, type.tensor_type
}

/** AttributeProto holding one int (e.g. Gather's `axis`). */
export function intAttribute(name: string, value: number): ProtoWriter {
  return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2); // name, i, type = INT
}

/** AttributeProto holding a list of ints (e.g. ReduceMean's `axes` before opset 18). */
export function intsAttribute(name: string, values: readonly number[]): ProtoWriter {
  const a = new ProtoWriter().string(1, name);
  for (const v of values) a.varint(8, v); // ints, unpacked as the ONNX writers emit them
  return a.varint(20, 7); // type = INTS
}

/** NodeProto: one operator call. */
export function node(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly ProtoWriter[] = []): ProtoWriter {
  const n = new ProtoWriter();
  for (const i of inputs) n.string(1, i);
  for (const o of outputs) n.string(2, o);
  n.string(3, `${opType}_${outputs[0]}`).string(4, opType);
  for (const a of attributes) n.message(5, a);
  return n;
}

export interface GraphParts {
  name: string;
  nodes: readonly ProtoWriter[];
  initializers: readonly ProtoWriter[];
  inputs: readonly ProtoWriter[];
  outputs: readonly ProtoWriter[];
}

/** ModelProto with one graph in the default operator set. */
export function model(graph: GraphParts, opset = 17): Uint8Array {
  const g = new ProtoWriter();
  for (const n of graph.nodes) g.message(1, n);
  g.string(2, graph.name);
  for (const t of graph.initializers) g.message(5, t);
  for (const i of graph.inputs) g.message(11, i);
  for (const o of graph.outputs) g.message(12, o);
  return new ProtoWriter()
    .varint(1, 8) // ir_version 8 (ONNX 1.10+)
    .string(2, 'sluice-test-model') // producer_name
    .message(7, g) // graph
    .message(8, new ProtoWriter().string(1, '').varint(2, opset)) // opset_import
    .bytes();
}
