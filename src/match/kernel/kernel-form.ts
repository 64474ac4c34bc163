// The kernel comes in two forms that compute the same integers and differ only in how the
// int8 × 7-bit dot products are spelled, because which is faster depends on the CPU:
//
// - fused (dense.wasm, as written in dense.wat): one i32x4.relaxed_dot_i8x16_i7x16_add_s per
//   16 multiply-adds. V8 lowers it to a single VPDPBUSD where the CPU has AVX-VNNI; without
//   it, to PMADDUBSW + PMADDWD with a ones vector it rebuilds each time + PADDD.
// - split (dense-split.wasm, generated from dense.wat by splitDotForm): the same step as
//   i16x8.relaxed_dot_i8x16_i7x16_s (PMADDUBSW), i32x4.extadd_pairwise_i16x8_s (PMADDWD with a
//   constant) and i32x4.add (PADDD): three instructions everywhere.
//
// Same integers, so the same scores to the bit: each i16 lane of the split form's first step
// is a·b + a'·b' with |a| ≤ 127 (INTEREST_CODE_MAX) and 0 ≤ b ≤ 127 (posts offset into 1..127),
// at most 32,258 in magnitude, so PMADDUBSW's saturation at 32,767 never applies, and integer
// additions in another order give the same sums. Measured on an AMD EPYC without AVX-VNNI
// (2026-12-06, `npm run bench -- match`, dense only, 1 thread): 1,107 / 1,113 → 1,295 / 1,368
// posts/s. kernel-choice.ts times both where the scorer starts and takes the faster.
import { INTEREST_CODE_MAX } from './quantize.ts';

export type KernelForm = 'fused' | 'split';

export const KERNEL_FORMS: readonly KernelForm[] = ['fused', 'split'];

/** The compiled file of each form, beside dense.wat (tools/build-wasm.ts writes both). */
export const KERNEL_FILES: Readonly<Record<KernelForm, string>> = { fused: 'dense.wasm', split: 'dense-split.wasm' };

// The largest |a·b + a'·b'| of one i16 lane: int8 interest codes times post bytes 1..127.
if (2 * INTEREST_CODE_MAX * 127 > 32_767) throw new Error('kernel-form: the split form would saturate');

const FUSED_DOT = /\(i32x4\.relaxed_dot_i8x16_i7x16_add_s (\(local\.get \$\w+\)) (\(local\.get \$\w+\)) (\(local\.get \$\w+\))\)/g;

/** dense.wat in the split form: every fused dot-add (operands as local.get) spelled in three steps. */
export function splitDotForm(wat: string): string {
  let count = 0;
  const split = wat.replace(FUSED_DOT, (_, a: string, b: string, acc: string) => {
    count++;
    return `(i32x4.add ${acc} (i32x4.extadd_pairwise_i16x8_s (i16x8.relaxed_dot_i8x16_i7x16_s ${a} ${b})))`;
  });
  if (count === 0) throw new Error('kernel-form: no i32x4.relaxed_dot_i8x16_i7x16_add_s of three local.get operands in the kernel source');
  return split;
}
