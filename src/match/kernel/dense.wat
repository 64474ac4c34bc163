;; Dense scoring kernel: int8 interest matrix × batch of 7-bit post vectors, with the
;; match threshold fused in (only pairs that may clear it are written out).
;;
;; Why this shape (measured on this machine; DESIGN.md has the earlier numbers):
;; - i32x4.relaxed_dot_i8x16_i7x16_add_s does 16 multiply-adds into 4 int32 lanes
;;   (one x86 instruction where AVX-VNNI exists, pmaddubsw+pmaddwd+paddd otherwise):
;;   4× the throughput of i32x4.dot_i16x8_s on int8-as-int16 here (≈8×10⁸ vs 2×10⁸
;;   pairs/s per core in a micro-benchmark). It is only deterministic when the second operand's bytes have
;;   the top bit clear, so posts are quantized to −63..63 and stored offset by +64
;;   (1..127); each interest's accumulators start at −64·Σcodes to cancel the offset.
;; - A short inner loop over groups of 4 dimensions with the broadcast post values in
;;   a local (DESIGN.md: fully unrolled loops spilled registers, 2.5× slower in V8); two
;;   posts per pass share each matrix load (11 v128 locals: fits 16 xmm registers;
;;   4 posts × 8 interests measured slower).
;; - Blocks of 16 interests: a batch of posts (256 by default) reads each block from
;;   memory once and then from L1.
;; - A JS top-k over 300k scores costs as much as the scan, so the threshold compare
;;   happens here, 16 scores at a time; the lanes that pass become a bit mask, and only
;;   its set bits are visited ($candidates: a record each). After each block its
;;   candidates are rescored exactly in float32 (SIMD, rows in this same memory, still in
;;   cache), four at a time ($dot4: four independent chains of adds instead of one), and
;;   kept in place if they clear their threshold ($rescore). In JS, rescoring ~1,000
;;   candidates per post cost about as much as the scan. At 300k interests with the
;;   matcher's floors (~11,000 candidates and ~6,000 records per post), a 16-lane loop
;;   and one candidate at a time cost the two scan workers 0.94–1.19 ms of CPU per post,
;;   this 0.74–0.85 (full path from a day-old stream, A/B pairs: 956 → 1,070 and
;;   787 → 854 posts/s; same stored pairs to the bit).
;;
;; Memory (imported, shared between worker threads; layout.ts owns the arithmetic,
;; every offset is 64-byte aligned). Interests come in segments of 256 blocks (4096
;; interests) followed by their 4096 exact rows, so growth only appends:
;;   block b at blocksBase + (b>>8)*segmentBytes + (b&255)*blockBytes,
;;   blockBytes = 256 + quads*64:
;;     +0    f32[16]  per-interest dequantization scale (0 for an empty slot)
;;     +64   f32[16]  per-interest threshold (+inf for an empty slot: never emitted)
;;     +128  f32[16]  per-interest error bound, subtracted from the threshold (with the
;;                    post's own margin) so no pair whose exact score clears it is
;;                    lost; $rescore then rescores those candidates exactly
;;     +192  i32[16]  −64 × Σ of the interest's codes (the +64 post offset cancelled)
;;     +256  for each group j of 4 dimensions, 4 quarters of 16 int8:
;;           [i0 d4j..d4j+3, i1 d4j..d4j+3, i2 .., i3 ..] for interests 4k..4k+3
;;   exact row of the interest in lane l of block b: at the segment's base + rowsOffset
;;     + ((b&255)*16 + l) * rowBytes, rowBytes = quads*16, unit float32, zero-padded;
;;   posts: n (even) vectors of quads*4 bytes, values code+64 in 1..127;
;;   postScales: n f32; postMargins: n f32 (the post's share of the bound); postRows: n exact float32 rows (rowBytes each);
;;   scratch: 128 bytes (the first 16: $dot4's four scores); output: records of
;;   (i32 post, i32 slot, f32 exact score), candidates (post, slot) until rescored;
;;   the exact-score scratch (main thread only, before segment 0): one post row, then
;;   slots (i32) and their scores (f32) for $dots.
;;
;; The exact score is defined by $dot: four float32 lane sums over dimensions ≡ 0..3
;; mod 4, then (l0 + l1) + (l2 + l3), all in float32 (wasm never fuses mul+add);
;; quantize.ts exactDot reproduces it bit for bit in JS.
;;
;; Overflow: before each block the kernel checks that 16*n more records fit; if not,
;; it returns that block's index and the caller drains the output and calls again
;; from there. $emitted holds the number of records written by the last call.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (global $emitted (export "emitted") (mut i32) (i32.const 0))
  ;; Candidates rescored exactly since the caller last reset it (a statistic: how much the
  ;; int8 prefilter lets through).
  (global $rescored (export "rescored") (mut i32) (i32.const 0))

  ;; Exact float32 dot product of two rows of `quads` groups of 4 (see exactDot).
  (func $dot (param $row i32) (param $post i32) (param $quads i32) (result f32)
    (local $acc v128) (local $end i32)
    (local.set $end (i32.add (local.get $row) (i32.shl (local.get $quads) (i32.const 4))))
    (loop $q
      (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (v128.load (local.get $row)) (v128.load (local.get $post)))))
      (local.set $row (i32.add (local.get $row) (i32.const 16)))
      (local.set $post (i32.add (local.get $post) (i32.const 16)))
      (br_if $q (i32.lt_u (local.get $row) (local.get $end))))
    (f32.add (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
             (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))

;; Exact scores ($dot, so bit for bit what a scan reports) of one post row at $postRow with
  ;; the interests in slots $slots[0..$count) (i32 each), written as f32 to $out[0..$count):
  ;; pairs found another way than the scan (lexical hits under their floor).
  (func $dots (export "dots")
    (param $blocksBase i32) (param $segmentBytes i32) (param $rowsOffset i32) (param $quads i32)
    (param $postRow i32) (param $slots i32) (param $count i32) (param $out i32)
    (local $i i32) (local $slot i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $quads) (i32.const 4)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $slot (i32.load (i32.add (local.get $slots) (i32.shl (local.get $i) (i32.const 2)))))
        ;; row of slot s: segment s >> 12, then rowsOffset + (s & 4095) * rowBytes (layout.ts rowOffset)
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
          (call $dot
            (i32.add (i32.add (local.get $blocksBase) (i32.mul (i32.shr_u (local.get $slot) (i32.const 12)) (local.get $segmentBytes)))
                     (i32.add (local.get $rowsOffset) (i32.mul (i32.and (local.get $slot) (i32.const 4095)) (local.get $rowBytes))))
            (local.get $postRow) (local.get $quads)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

  ;; Exact dots of four candidates at once, each its own post row and interest row: four
  ;; independent chains of f32x4 adds, where $dot is one chain waiting on each add's latency.
  ;; Each candidate's lane sums are the same sequence of operations as $dot's, so the same bits.
  ;; The four scores go to $res[0..4) (f32).
  (func $dot4 (param $r0 i32) (param $r1 i32) (param $r2 i32) (param $r3 i32)
              (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32)
              (param $quads i32) (param $res i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $i i32) (local $end i32)
    (local.set $end (i32.shl (local.get $quads) (i32.const 4)))
    (loop $q
      (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (i32.add (local.get $r0) (local.get $i))) (v128.load (i32.add (local.get $p0) (local.get $i))))))
      (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load (i32.add (local.get $r1) (local.get $i))) (v128.load (i32.add (local.get $p1) (local.get $i))))))
      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load (i32.add (local.get $r2) (local.get $i))) (v128.load (i32.add (local.get $p2) (local.get $i))))))
      (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load (i32.add (local.get $r3) (local.get $i))) (v128.load (i32.add (local.get $p3) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br_if $q (i32.lt_u (local.get $i) (local.get $end))))
    (f32.store offset=0 (local.get $res)
      (f32.add (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
               (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
    (f32.store offset=4 (local.get $res)
      (f32.add (f32.add (f32x4.extract_lane 0 (local.get $a1)) (f32x4.extract_lane 1 (local.get $a1)))
               (f32.add (f32x4.extract_lane 2 (local.get $a1)) (f32x4.extract_lane 3 (local.get $a1)))))
    (f32.store offset=8 (local.get $res)
      (f32.add (f32.add (f32x4.extract_lane 0 (local.get $a2)) (f32x4.extract_lane 1 (local.get $a2)))
               (f32.add (f32x4.extract_lane 2 (local.get $a2)) (f32x4.extract_lane 3 (local.get $a2)))))
    (f32.store offset=12 (local.get $res)
      (f32.add (f32.add (f32x4.extract_lane 0 (local.get $a3)) (f32x4.extract_lane 1 (local.get $a3)))
               (f32.add (f32x4.extract_lane 2 (local.get $a3)) (f32x4.extract_lane 3 (local.get $a3))))))

  ;; For one post and one block: a record (post, slot) for each set bit of $mask (lane l of the
  ;; block passed its lowered threshold), in lane order. Returns the new record count.
  (func $candidates (param $out i32) (param $count i32) (param $p i32) (param $b i32) (param $mask i32) (result i32)
    (local $at i32)
    (global.set $rescored (i32.add (global.get $rescored) (i32.popcnt (local.get $mask))))
    (loop $bits
      (local.set $at (i32.add (local.get $out) (i32.mul (local.get $count) (i32.const 12))))
      (i32.store offset=0 (local.get $at) (local.get $p))
      (i32.store offset=4 (local.get $at) (i32.add (i32.shl (local.get $b) (i32.const 4)) (i32.ctz (local.get $mask))))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
      (br_if $bits (local.get $mask)))
    (local.get $count))

  ;; Keeps record $i (rescored exactly: $exact) as record $k if the exact score reaches
  ;; max(own threshold, call threshold). Returns the next free record index.
  (func $keep (param $out i32) (param $k i32) (param $i i32) (param $exact f32) (param $blk i32) (param $callThreshold f32) (result i32)
    (local $from i32) (local $to i32)
    (local.set $from (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 12))))
    (if (result i32) (f32.ge (local.get $exact)
          (f32.max (f32.load offset=64 (i32.add (local.get $blk) (i32.shl (i32.and (i32.load offset=4 (local.get $from)) (i32.const 15)) (i32.const 2))))
                   (local.get $callThreshold)))
      (then
        (local.set $to (i32.add (local.get $out) (i32.mul (local.get $k) (i32.const 12))))
        (i32.store offset=0 (local.get $to) (i32.load offset=0 (local.get $from)))
        (i32.store offset=4 (local.get $to) (i32.load offset=4 (local.get $from)))
        (f32.store offset=8 (local.get $to) (local.get $exact))
        (i32.add (local.get $k) (i32.const 1)))
      (else (local.get $k))))

  ;; One block's candidates, records [$from, $to): each rescored exactly (four at a time),
  ;; kept in place (in order) when it clears its threshold. The block's 16 rows are still
  ;; in cache from the scan. Returns the new record count.
  (func $rescore (param $out i32) (param $from i32) (param $to i32) (param $blk i32) (param $blockRows i32)
                 (param $postRows i32) (param $rowBytes i32) (param $quads i32) (param $callThreshold f32) (param $res i32)
                 (result i32)
    (local $i i32) (local $k i32) (local $at i32)
    (local.set $i (local.get $from))
    (local.set $k (local.get $from))
    (block $fours
      (loop $four
        (br_if $fours (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $to)))
        (local.set $at (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 12))))
        ;; Records i..i+3 are read in full before any of them is overwritten ($k ≤ $i).
        (call $dot4
          (i32.add (local.get $blockRows) (i32.mul (i32.and (i32.load offset=4 (local.get $at)) (i32.const 15)) (local.get $rowBytes)))
          (i32.add (local.get $blockRows) (i32.mul (i32.and (i32.load offset=16 (local.get $at)) (i32.const 15)) (local.get $rowBytes)))
          (i32.add (local.get $blockRows) (i32.mul (i32.and (i32.load offset=28 (local.get $at)) (i32.const 15)) (local.get $rowBytes)))
          (i32.add (local.get $blockRows) (i32.mul (i32.and (i32.load offset=40 (local.get $at)) (i32.const 15)) (local.get $rowBytes)))
          (i32.add (local.get $postRows) (i32.mul (i32.load offset=0 (local.get $at)) (local.get $rowBytes)))
          (i32.add (local.get $postRows) (i32.mul (i32.load offset=12 (local.get $at)) (local.get $rowBytes)))
          (i32.add (local.get $postRows) (i32.mul (i32.load offset=24 (local.get $at)) (local.get $rowBytes)))
          (i32.add (local.get $postRows) (i32.mul (i32.load offset=36 (local.get $at)) (local.get $rowBytes)))
          (local.get $quads) (local.get $res))
        (local.set $k (call $keep (local.get $out) (local.get $k) (local.get $i) (f32.load offset=0 (local.get $res)) (local.get $blk) (local.get $callThreshold)))
        (local.set $k (call $keep (local.get $out) (local.get $k) (i32.add (local.get $i) (i32.const 1)) (f32.load offset=4 (local.get $res)) (local.get $blk) (local.get $callThreshold)))
        (local.set $k (call $keep (local.get $out) (local.get $k) (i32.add (local.get $i) (i32.const 2)) (f32.load offset=8 (local.get $res)) (local.get $blk) (local.get $callThreshold)))
        (local.set $k (call $keep (local.get $out) (local.get $k) (i32.add (local.get $i) (i32.const 3)) (f32.load offset=12 (local.get $res)) (local.get $blk) (local.get $callThreshold)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $four)))
    ;; The last one to three.
    (block $ones
      (loop $one
        (br_if $ones (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $at (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 12))))
        (local.set $k (call $keep (local.get $out) (local.get $k) (local.get $i)
          (call $dot
            (i32.add (local.get $blockRows) (i32.mul (i32.and (i32.load offset=4 (local.get $at)) (i32.const 15)) (local.get $rowBytes)))
            (i32.add (local.get $postRows) (i32.mul (i32.load offset=0 (local.get $at)) (local.get $rowBytes)))
            (local.get $quads))
          (local.get $blk) (local.get $callThreshold)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $one)))
    (local.get $k))

  (func $scan (export "scan")
    (param $blocksBase i32) (param $blockStart i32) (param $blockEnd i32)
    (param $quads i32) (param $posts i32) (param $postScales i32) (param $postRows i32) (param $n i32)
    (param $callThreshold f32) (param $postMargins i32) (param $out i32) (param $outCap i32) (param $scratch i32)
    (param $segmentBytes i32) (param $rowsOffset i32)
    (result i32)
    (local $b i32) (local $blockBytes i32) (local $blk i32) (local $p i32) (local $postBytes i32)
    (local $pp i32) (local $ppEnd i32) (local $mp i32) (local $count i32) (local $rows i32) (local $rowBytes i32)
    (local $qa v128) (local $qb v128) (local $m v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $ps v128) (local $f0 v128) (local $f1 v128) (local $f2 v128) (local $f3 v128)
    (local $mask i32) (local $blockFrom i32) (local $pm v128)
    (local.set $blockBytes (i32.add (i32.const 256) (i32.shl (local.get $quads) (i32.const 6))))
    (local.set $postBytes (i32.shl (local.get $quads) (i32.const 2)))
    (local.set $rowBytes (i32.shl (local.get $quads) (i32.const 4)))
    (local.set $b (local.get $blockStart))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $b) (local.get $blockEnd)))
        ;; Room for a whole block's worth of records? Otherwise hand back control.
        (br_if $done (i32.gt_u (i32.add (local.get $count) (i32.shl (local.get $n) (i32.const 4)))
                               (local.get $outCap)))
        (local.set $rows (i32.add (local.get $blocksBase) (i32.mul (i32.shr_u (local.get $b) (i32.const 8)) (local.get $segmentBytes))))
        (local.set $blk (i32.add (local.get $rows) (i32.mul (i32.and (local.get $b) (i32.const 255)) (local.get $blockBytes))))
        (local.set $rows (i32.add (local.get $rows) (local.get $rowsOffset)))
        ;; Thresholds for the block: max(per-interest, per-call) − interest error bound;
        ;; each post's approximate scores are compared with them raised by its own margin.
        (local.set $t0 (f32x4.sub (f32x4.max (v128.load offset=64 (local.get $blk)) (f32x4.splat (local.get $callThreshold)))
                                  (v128.load offset=128 (local.get $blk))))
        (local.set $t1 (f32x4.sub (f32x4.max (v128.load offset=80 (local.get $blk)) (f32x4.splat (local.get $callThreshold)))
                                  (v128.load offset=144 (local.get $blk))))
        (local.set $t2 (f32x4.sub (f32x4.max (v128.load offset=96 (local.get $blk)) (f32x4.splat (local.get $callThreshold)))
                                  (v128.load offset=160 (local.get $blk))))
        (local.set $t3 (f32x4.sub (f32x4.max (v128.load offset=112 (local.get $blk)) (f32x4.splat (local.get $callThreshold)))
                                  (v128.load offset=176 (local.get $blk))))
        (local.set $blockFrom (local.get $count))
        (local.set $p (i32.const 0))
        (local.set $pp (local.get $posts))
        (loop $postLoop
          ;; Posts p (at $pp) and p+1 (at $pp + $postBytes) together.
          (local.set $ppEnd (i32.add (local.get $pp) (local.get $postBytes)))
          (local.set $mp (i32.add (local.get $blk) (i32.const 256)))
          (local.set $a0 (v128.load offset=192 (local.get $blk)))
          (local.set $a1 (v128.load offset=208 (local.get $blk)))
          (local.set $a2 (v128.load offset=224 (local.get $blk)))
          (local.set $a3 (v128.load offset=240 (local.get $blk)))
          (local.set $b0 (local.get $a0))
          (local.set $b1 (local.get $a1))
          (local.set $b2 (local.get $a2))
          (local.set $b3 (local.get $a3))
          (loop $dims
            ;; Four 7-bit post values broadcast to all lanes, for each of the two posts.
            (local.set $qa (i32x4.splat (i32.load (local.get $pp))))
            (local.set $qb (i32x4.splat (i32.load (i32.add (local.get $pp) (local.get $postBytes)))))
            (local.set $m (v128.load offset=0 (local.get $mp)))
            (local.set $a0 (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get $m) (local.get $qa) (local.get $a0)))
            (local.set $b0 (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get $m) (local.get $qb) (local.get $b0)))
            (local.set $m (v128.load offset=16 (local.get $mp)))
            (local.set $a1 (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get $m) (local.get $qa) (local.get $a1)))
            (local.set $b1 (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get $m) (local.get $qb) (local.get $b1)))
            (local.set $m (v128.load offset=32 (local.get $mp)))
            (local.set $a2 (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get $m) (local.get $qa) (local.get $a2)))
            (local.set $b2 (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get $m) (local.get $qb) (local.get $b2)))
            (local.set $m (v128.load offset=48 (local.get $mp)))
            (local.set $a3 (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get $m) (local.get $qa) (local.get $a3)))
            (local.set $b3 (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get $m) (local.get $qb) (local.get $b3)))
            (local.set $mp (i32.add (local.get $mp) (i32.const 64)))
            (local.set $pp (i32.add (local.get $pp) (i32.const 4)))
            (br_if $dims (i32.lt_u (local.get $pp) (local.get $ppEnd))))

          ;; Post p. Dequantize: score = acc × interestScale × postScale.
          (local.set $ps (f32x4.splat (f32.load (i32.add (local.get $postScales) (i32.shl (local.get $p) (i32.const 2))))))
          (local.set $pm (f32x4.splat (f32.load (i32.add (local.get $postMargins) (i32.shl (local.get $p) (i32.const 2))))))
          (local.set $f0 (f32x4.mul (f32x4.convert_i32x4_s (local.get $a0)) (f32x4.mul (v128.load offset=0 (local.get $blk)) (local.get $ps))))
          (local.set $f1 (f32x4.mul (f32x4.convert_i32x4_s (local.get $a1)) (f32x4.mul (v128.load offset=16 (local.get $blk)) (local.get $ps))))
          (local.set $f2 (f32x4.mul (f32x4.convert_i32x4_s (local.get $a2)) (f32x4.mul (v128.load offset=32 (local.get $blk)) (local.get $ps))))
          (local.set $f3 (f32x4.mul (f32x4.convert_i32x4_s (local.get $a3)) (f32x4.mul (v128.load offset=48 (local.get $blk)) (local.get $ps))))
          (local.set $mask (i32.or
            (i32.or (i32x4.bitmask (f32x4.ge (f32x4.add (local.get $f0) (local.get $pm)) (local.get $t0)))
                    (i32.shl (i32x4.bitmask (f32x4.ge (f32x4.add (local.get $f1) (local.get $pm)) (local.get $t1))) (i32.const 4)))
            (i32.or (i32.shl (i32x4.bitmask (f32x4.ge (f32x4.add (local.get $f2) (local.get $pm)) (local.get $t2))) (i32.const 8))
                    (i32.shl (i32x4.bitmask (f32x4.ge (f32x4.add (local.get $f3) (local.get $pm)) (local.get $t3))) (i32.const 12)))))
          (if (local.get $mask)
            (then
              (local.set $count (call $candidates (local.get $out) (local.get $count) (local.get $p) (local.get $b) (local.get $mask)))))

          ;; Post p+1.
          (local.set $ps (f32x4.splat (f32.load offset=4 (i32.add (local.get $postScales) (i32.shl (local.get $p) (i32.const 2))))))
          (local.set $pm (f32x4.splat (f32.load offset=4 (i32.add (local.get $postMargins) (i32.shl (local.get $p) (i32.const 2))))))
          (local.set $f0 (f32x4.mul (f32x4.convert_i32x4_s (local.get $b0)) (f32x4.mul (v128.load offset=0 (local.get $blk)) (local.get $ps))))
          (local.set $f1 (f32x4.mul (f32x4.convert_i32x4_s (local.get $b1)) (f32x4.mul (v128.load offset=16 (local.get $blk)) (local.get $ps))))
          (local.set $f2 (f32x4.mul (f32x4.convert_i32x4_s (local.get $b2)) (f32x4.mul (v128.load offset=32 (local.get $blk)) (local.get $ps))))
          (local.set $f3 (f32x4.mul (f32x4.convert_i32x4_s (local.get $b3)) (f32x4.mul (v128.load offset=48 (local.get $blk)) (local.get $ps))))
          (local.set $mask (i32.or
            (i32.or (i32x4.bitmask (f32x4.ge (f32x4.add (local.get $f0) (local.get $pm)) (local.get $t0)))
                    (i32.shl (i32x4.bitmask (f32x4.ge (f32x4.add (local.get $f1) (local.get $pm)) (local.get $t1))) (i32.const 4)))
            (i32.or (i32.shl (i32x4.bitmask (f32x4.ge (f32x4.add (local.get $f2) (local.get $pm)) (local.get $t2))) (i32.const 8))
                    (i32.shl (i32x4.bitmask (f32x4.ge (f32x4.add (local.get $f3) (local.get $pm)) (local.get $t3))) (i32.const 12)))))
          (if (local.get $mask)
            (then
              (local.set $count (call $candidates (local.get $out) (local.get $count) (i32.add (local.get $p) (i32.const 1)) (local.get $b) (local.get $mask)))))

          ;; $pp sits at post p+1; skip it to reach post p+2.
          (local.set $pp (i32.add (local.get $pp) (local.get $postBytes)))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))
          (br_if $postLoop (i32.lt_u (local.get $p) (local.get $n))))
        ;; The block's candidates, rescored exactly while its rows are in cache.
        (if (i32.gt_u (local.get $count) (local.get $blockFrom))
          (then
            (local.set $count (call $rescore (local.get $out) (local.get $blockFrom) (local.get $count) (local.get $blk)
              (i32.add (local.get $rows) (i32.mul (i32.shl (i32.and (local.get $b) (i32.const 255)) (i32.const 4)) (local.get $rowBytes)))
              (local.get $postRows) (local.get $rowBytes) (local.get $quads) (local.get $callThreshold) (local.get $scratch)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $blocks)))
    (global.set $emitted (local.get $count))
    (local.get $b))
)
