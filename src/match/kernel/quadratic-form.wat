;; wᵀSw and w·μ for interest vectors w against one symmetric matrix S and vector μ: the closed-form
;; cosine moments of the matcher's stream (VectorMoments), for every interest whose moments are
;; due. Memory (own, not shared), `stride` = d rounded up to a multiple of 8:
;;  - T at $t: d rows of `stride` float32, the upper triangle of S folded, T_ii = S_ii,
;;    T_ij = 2·S_ij for j > i, and 0 left of the diagonal, so wᵀSw = Σ_j w_j Σ_{i≤j} w_i T_ij:
;;    half the multiply-adds of the full form, and float32 halves the bytes again (T of 100 dims
;;    is 40 KB: it stays in L1/L2 while thousands of interests pass);
;;  - μ at $mu: `stride` float64;
;;  - W at $w: the vectors in groups of four, each vector `stride` float32 (zeros past d), group
;;    g at $w + 16·stride·g;
;;  - the results at $out: wᵀSw at $out + 16k, w·μ at $out + 16k + 8 for vector k.
;; A group's four vectors go through T together, eight columns at a time: for each row i up to
;; the tile's last column, T_i's eight columns (two loads) times each vector's w_i (broadcast)
;; into eight float32x4 sums (relaxed multiply-add: one fused instruction where the CPU has one),
;; so T is read once per four vectors and the loop is bound by the multiply-adds, not the loads
;; (the form of before, a row of T against four vectors' columns, loaded five vectors per four
;; multiply-adds: 0.57 against 0.35 µs per 100-d vector, 2026-12-06). Each tile's sums times the
;; vector's own eight w_j are taken in float64. A vector's numbers do not depend on the vectors
;; beside it (each has its own sums, in the same order in any group); across CPUs they may differ
;; in the last bits (fused or not: relaxed SIMD lets the engine choose), which nothing saved
;; depends on (the moments are recomputed from the saved stream). float32 against float64:
;; relative error ~1e-8 of Σ|w_i S_ij w_j| on random 100-d data.
(module
  (memory (export "memory") 1)

  ;; Σ_j a_j w_j over eight columns in float64: a in two f32x4 (a, b), w at $p (8 float32).
  (func $tile (param $a v128) (param $b v128) (param $p i32) (result f64)
    (local $x v128) (local $y v128) (local $s v128)
    (local.set $x (v128.load (local.get $p)))
    (local.set $y (v128.load offset=16 (local.get $p)))
    (local.set $s (f64x2.add
      (f64x2.add
        (f64x2.mul (f64x2.promote_low_f32x4 (local.get $a)) (f64x2.promote_low_f32x4 (local.get $x)))
        (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
                   (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))))
      (f64x2.add
        (f64x2.mul (f64x2.promote_low_f32x4 (local.get $b)) (f64x2.promote_low_f32x4 (local.get $y)))
        (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)))
                   (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)))))))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; Σ_j w_j μ_j in float64 for the vector at $w (stride float32).
  (func $dot (param $mu i32) (param $w i32) (param $stride i32) (result f64)
    (local $end i32) (local $x v128) (local $acc v128)
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $stride) (i32.const 2))))
    (loop $each
      (local.set $x (v128.load (local.get $w)))
      (local.set $acc (f64x2.add (local.get $acc)
        (f64x2.mul (f64x2.promote_low_f32x4 (local.get $x)) (v128.load (local.get $mu)))))
      (local.set $acc (f64x2.add (local.get $acc)
        (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))
                   (v128.load offset=16 (local.get $mu)))))
      (local.set $w (i32.add (local.get $w) (i32.const 16)))
      (local.set $mu (i32.add (local.get $mu) (i32.const 32)))
      (br_if $each (i32.lt_u (local.get $w) (local.get $end))))
    (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))

  ;; `groups` groups of four vectors (W at $w) against T and μ.
  (func (export "moments") (param $t i32) (param $mu i32) (param $w i32) (param $d i32) (param $stride i32) (param $groups i32) (param $out i32)
    (local $g i32) (local $rowBytes i32) (local $groupBytes i32) (local $c i32) (local $tp i32) (local $sp i32) (local $send i32)
    (local $wg i32) (local $k i32) (local $rb2 i32) (local $rb3 i32)
    (local $x v128) (local $t0 v128) (local $t1 v128)
    (local $a0 v128) (local $b0 v128) (local $a1 v128) (local $b1 v128) (local $a2 v128) (local $b2 v128) (local $a3 v128) (local $b3 v128)
    (local $q0 f64) (local $q1 f64) (local $q2 f64) (local $q3 f64)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $groupBytes (i32.shl (local.get $stride) (i32.const 4)))
    (local.set $rb2 (i32.shl (local.get $rowBytes) (i32.const 1)))
    (local.set $rb3 (i32.mul (local.get $rowBytes) (i32.const 3)))
    (block $groupsDone
      (loop $eachGroup
        (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $groups)))
        (local.set $wg (i32.add (local.get $w) (i32.mul (local.get $g) (local.get $groupBytes))))
        (local.set $q0 (f64.const 0)) (local.set $q1 (f64.const 0)) (local.set $q2 (f64.const 0)) (local.set $q3 (f64.const 0))
        (local.set $c (i32.const 0))
        (block $tilesDone
          (loop $eachTile
            (br_if $tilesDone (i32.ge_u (local.get $c) (local.get $d)))
            (local.set $a0 (v128.const i64x2 0 0)) (local.set $b0 (v128.const i64x2 0 0))
            (local.set $a1 (v128.const i64x2 0 0)) (local.set $b1 (v128.const i64x2 0 0))
            (local.set $a2 (v128.const i64x2 0 0)) (local.set $b2 (v128.const i64x2 0 0))
            (local.set $a3 (v128.const i64x2 0 0)) (local.set $b3 (v128.const i64x2 0 0))
            ;; Rows 0 .. min(c + 8, d) − 1: T is zero below the diagonal.
            (local.set $tp (i32.add (local.get $t) (i32.shl (local.get $c) (i32.const 2))))
            (local.set $sp (local.get $wg))
            (local.set $send (i32.add (local.get $wg) (i32.shl
              (select (i32.add (local.get $c) (i32.const 8)) (local.get $d) (i32.lt_u (i32.add (local.get $c) (i32.const 8)) (local.get $d)))
              (i32.const 2))))
            (loop $rows
              (local.set $t0 (v128.load (local.get $tp)))
              (local.set $t1 (v128.load offset=16 (local.get $tp)))
              (local.set $x (v128.load32_splat (local.get $sp)))
              (local.set $a0 (f32x4.relaxed_madd (local.get $x) (local.get $t0) (local.get $a0)))
              (local.set $b0 (f32x4.relaxed_madd (local.get $x) (local.get $t1) (local.get $b0)))
              (local.set $x (v128.load32_splat (i32.add (local.get $sp) (local.get $rowBytes))))
              (local.set $a1 (f32x4.relaxed_madd (local.get $x) (local.get $t0) (local.get $a1)))
              (local.set $b1 (f32x4.relaxed_madd (local.get $x) (local.get $t1) (local.get $b1)))
              (local.set $x (v128.load32_splat (i32.add (local.get $sp) (local.get $rb2))))
              (local.set $a2 (f32x4.relaxed_madd (local.get $x) (local.get $t0) (local.get $a2)))
              (local.set $b2 (f32x4.relaxed_madd (local.get $x) (local.get $t1) (local.get $b2)))
              (local.set $x (v128.load32_splat (i32.add (local.get $sp) (local.get $rb3))))
              (local.set $a3 (f32x4.relaxed_madd (local.get $x) (local.get $t0) (local.get $a3)))
              (local.set $b3 (f32x4.relaxed_madd (local.get $x) (local.get $t1) (local.get $b3)))
              (local.set $tp (i32.add (local.get $tp) (local.get $rowBytes)))
              (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
              (br_if $rows (i32.lt_u (local.get $sp) (local.get $send))))
            (local.set $k (i32.add (local.get $wg) (i32.shl (local.get $c) (i32.const 2))))
            (local.set $q0 (f64.add (local.get $q0) (call $tile (local.get $a0) (local.get $b0) (local.get $k))))
            (local.set $k (i32.add (local.get $k) (local.get $rowBytes)))
            (local.set $q1 (f64.add (local.get $q1) (call $tile (local.get $a1) (local.get $b1) (local.get $k))))
            (local.set $k (i32.add (local.get $k) (local.get $rowBytes)))
            (local.set $q2 (f64.add (local.get $q2) (call $tile (local.get $a2) (local.get $b2) (local.get $k))))
            (local.set $k (i32.add (local.get $k) (local.get $rowBytes)))
            (local.set $q3 (f64.add (local.get $q3) (call $tile (local.get $a3) (local.get $b3) (local.get $k))))
            (local.set $c (i32.add (local.get $c) (i32.const 8)))
            (br $eachTile)))
        ;; Results of vector 4g + k at $out + 64g + 16k.
        (local.set $k (i32.add (local.get $out) (i32.shl (local.get $g) (i32.const 6))))
        (f64.store (local.get $k) (local.get $q0))
        (f64.store offset=8 (local.get $k) (call $dot (local.get $mu) (local.get $wg) (local.get $stride)))
        (f64.store offset=16 (local.get $k) (local.get $q1))
        (f64.store offset=24 (local.get $k) (call $dot (local.get $mu) (i32.add (local.get $wg) (local.get $rowBytes)) (local.get $stride)))
        (f64.store offset=32 (local.get $k) (local.get $q2))
        (f64.store offset=40 (local.get $k) (call $dot (local.get $mu) (i32.add (local.get $wg) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $stride)))
        (f64.store offset=48 (local.get $k) (local.get $q3))
        (f64.store offset=56 (local.get $k) (call $dot (local.get $mu) (i32.add (local.get $wg) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $stride)))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $eachGroup)))
  )
)
