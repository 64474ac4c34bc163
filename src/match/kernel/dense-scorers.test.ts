// The shared dense-scorer conformance suite, run against each implementation.
import { describeDenseScorer } from './dense-scorer-conformance.ts';
import { FloatDenseScorer } from './float-scorer.ts';
import { ParallelDenseScorer } from './parallel-scorer.ts';
import { WasmDenseScorer } from './wasm-scorer.ts';

describeDenseScorer('plain JS float32', (dims) => new FloatDenseScorer(dims));
// The kernel in each of its forms (kernel-form.ts); the workers in the form chosen here.
describeDenseScorer('WebAssembly int8 kernel, fused dot', (dims) => new WasmDenseScorer(dims, { initialCapacity: 16, maxBatch: 32, kernelForm: 'fused' }));
describeDenseScorer('WebAssembly int8 kernel, split dot', (dims) => new WasmDenseScorer(dims, { initialCapacity: 16, maxBatch: 32, kernelForm: 'split' }));
describeDenseScorer('WebAssembly int8 kernel, 2 workers', (dims) => new ParallelDenseScorer(dims, { initialCapacity: 16, workers: 2, maxBatch: 32 }));
