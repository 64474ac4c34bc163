;; wᵀSw and w·μ for interest vectors w against one symmetric matrix S and vector μ: the closed-form
;; cosine moments of the matcher's stream (VectorMoments), for every interest whose moments are
;; due. Memory (own, not shared), `stride` = d rounded up to a multiple of 4:
;;  - T at $t: d rows of `stride` float32, the upper triangle of S folded, T_ii = S_ii,
;;    T_ij = 2·S_ij for j > i, and 0 left of the diagonal, so wᵀSw = Σ_i w_i Σ_{j≥i} T_ij w_j:
;;    half the multiply-adds of the full form, and float32 halves the bytes again (T of 100 dims
;;    is 40 KB: it stays in L1/L2 while thousands of interests pass);
;;  - μ at $mu: `stride` float64;
;;  - W at $w: up to four vectors, interleaved by blocks of four lanes (block b of vector k at
;;    $w + 64·b + 16·k), so one load of T serves four vectors.
;; Row i is summed from the block holding column i (the zeros left of the diagonal in it add
;; nothing) in float32 lanes, and each row's total is taken in float64. A vector's numbers do
;; not depend on the vectors beside it: $moments1 and $moments4 run each vector's sums in the
;; same order (the same lanes per row, the same row totals in the same order), so they agree to
;; the bit. float32 against the float64 form of before: relative error ~1e-6 on wᵀSw.
(module
  (memory (export "memory") 1)

  ;; Σ of an f32x4's lanes in float64, (l0 + l1) + (l2 + l3).
  (func $hsum (param $a v128) (result f64)
    (f64.add
      (f64.add (f64.promote_f32 (f32x4.extract_lane 0 (local.get $a))) (f64.promote_f32 (f32x4.extract_lane 1 (local.get $a))))
      (f64.add (f64.promote_f32 (f32x4.extract_lane 2 (local.get $a))) (f64.promote_f32 (f32x4.extract_lane 3 (local.get $a))))))

  ;; Σ_j w_j μ_j in float64 for the vector at block offset $k (0, 16, 32, 48) of W.
  (func $dot (param $mu i32) (param $w i32) (param $k i32) (param $stride i32) (result f64)
    (local $b i32) (local $blocks i32) (local $x v128) (local $acc v128) (local $m i32)
    (local.set $blocks (i32.shr_u (local.get $stride) (i32.const 2)))
    (local.set $m (local.get $mu))
    (local.set $w (i32.add (local.get $w) (local.get $k)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $b) (local.get $blocks)))
        (local.set $x (v128.load (local.get $w)))
        (local.set $acc (f64x2.add (local.get $acc)
          (f64x2.mul (f64x2.promote_low_f32x4 (local.get $x)) (v128.load (local.get $m)))))
        (local.set $acc (f64x2.add (local.get $acc)
          (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))
                     (v128.load offset=16 (local.get $m)))))
        (local.set $w (i32.add (local.get $w) (i32.const 64)))
        (local.set $m (i32.add (local.get $m) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $each)))
    (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))

  ;; One vector (block offset 0 of W): wᵀSw at $out, w·μ at $out + 8.
  (func (export "moments1") (param $t i32) (param $mu i32) (param $w i32) (param $d i32) (param $stride i32) (param $out i32)
    (local $i i32) (local $row i32) (local $rowBytes i32) (local $j i32) (local $jw i32)
    (local $x v128) (local $a0 v128) (local $t0 f64)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $row (local.get $t))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $d)))
        (local.set $a0 (v128.const i64x2 0 0))
        ;; From the block holding column i: byte (i & ~3)·4 of the row, (i >> 2)·64 of W.
        (local.set $j (i32.shl (i32.and (local.get $i) (i32.const -4)) (i32.const 2)))
        (local.set $jw (i32.add (local.get $w) (i32.shl (i32.shr_u (local.get $i) (i32.const 2)) (i32.const 6))))
        (loop $cols
          (local.set $x (v128.load (i32.add (local.get $row) (local.get $j))))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (v128.load (local.get $jw)))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (local.set $jw (i32.add (local.get $jw) (i32.const 64)))
          (br_if $cols (i32.lt_u (local.get $j) (local.get $rowBytes))))
        ;; w_i: lane i & 3 of block i >> 2.
        (local.set $jw (i32.add (local.get $w) (i32.add (i32.shl (i32.shr_u (local.get $i) (i32.const 2)) (i32.const 6))
                                                          (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 2)))))
        (local.set $t0 (f64.add (local.get $t0) (f64.mul (f64.promote_f32 (f32.load (local.get $jw))) (call $hsum (local.get $a0)))))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (f64.store (local.get $out) (local.get $t0))
    (f64.store offset=8 (local.get $out) (call $dot (local.get $mu) (local.get $w) (i32.const 0) (local.get $stride))))

  ;; Four vectors in one pass over T: wᵀSw of each at $out + 8k, w·μ of each at $out + 32 + 8k.
  (func (export "moments4") (param $t i32) (param $mu i32) (param $w i32) (param $d i32) (param $stride i32) (param $out i32)
    (local $i i32) (local $row i32) (local $rowBytes i32) (local $j i32) (local $jw i32) (local $at i32)
    (local $x v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $t0 f64) (local $t1 f64) (local $t2 f64) (local $t3 f64)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $row (local.get $t))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $d)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (local.set $j (i32.shl (i32.and (local.get $i) (i32.const -4)) (i32.const 2)))
        (local.set $jw (i32.add (local.get $w) (i32.shl (i32.shr_u (local.get $i) (i32.const 2)) (i32.const 6))))
        (loop $cols
          (local.set $x (v128.load (i32.add (local.get $row) (local.get $j))))
          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (v128.load (local.get $jw)))))
          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $jw)))))
          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $x) (v128.load offset=32 (local.get $jw)))))
          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $x) (v128.load offset=48 (local.get $jw)))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (local.set $jw (i32.add (local.get $jw) (i32.const 64)))
          (br_if $cols (i32.lt_u (local.get $j) (local.get $rowBytes))))
        (local.set $at (i32.add (local.get $w) (i32.add (i32.shl (i32.shr_u (local.get $i) (i32.const 2)) (i32.const 6))
                                                          (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 2)))))
        (local.set $t0 (f64.add (local.get $t0) (f64.mul (f64.promote_f32 (f32.load (local.get $at))) (call $hsum (local.get $a0)))))
        (local.set $t1 (f64.add (local.get $t1) (f64.mul (f64.promote_f32 (f32.load offset=16 (local.get $at))) (call $hsum (local.get $a1)))))
        (local.set $t2 (f64.add (local.get $t2) (f64.mul (f64.promote_f32 (f32.load offset=32 (local.get $at))) (call $hsum (local.get $a2)))))
        (local.set $t3 (f64.add (local.get $t3) (f64.mul (f64.promote_f32 (f32.load offset=48 (local.get $at))) (call $hsum (local.get $a3)))))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (f64.store (local.get $out) (local.get $t0))
    (f64.store offset=8 (local.get $out) (local.get $t1))
    (f64.store offset=16 (local.get $out) (local.get $t2))
    (f64.store offset=24 (local.get $out) (local.get $t3))
    (f64.store offset=32 (local.get $out) (call $dot (local.get $mu) (local.get $w) (i32.const 0) (local.get $stride)))
    (f64.store offset=40 (local.get $out) (call $dot (local.get $mu) (local.get $w) (i32.const 16) (local.get $stride)))
    (f64.store offset=48 (local.get $out) (call $dot (local.get $mu) (local.get $w) (i32.const 32) (local.get $stride)))
    (f64.store offset=56 (local.get $out) (call $dot (local.get $mu) (local.get $w) (i32.const 48) (local.get $stride))))
)
