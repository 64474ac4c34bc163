;; wᵀSw and w·μ for one vector against a symmetric float64 matrix, two lanes at a time
;; (f64x2): the closed-form cosine moments of the matcher's stream (VectorMoments), ~10×
;; the plain JS loop. Memory (own, not shared): S as d rows of `stride` float64 (stride = d
;; rounded up to a multiple of 8, padding zero) at 0, then μ and w (stride float64 each).
(module
  (memory (export "memory") 1)

  ;; Σ_i w_i Σ_j S_ij w_j. Each row in four f64x2 accumulators (stride is a multiple of 8):
  ;; one accumulator's add latency bound the loop at ~4× this.
  (func $quadratic (export "quadratic") (param $s i32) (param $w i32) (param $d i32) (param $stride i32) (result f64)
    (local $i i32) (local $j i32) (local $row i32) (local $total f64) (local $rowBytes i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $acc v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $row (local.get $s))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $d)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (loop $cols
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul
            (v128.load (i32.add (local.get $row) (local.get $j))) (v128.load (i32.add (local.get $w) (local.get $j))))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul
            (v128.load offset=16 (i32.add (local.get $row) (local.get $j))) (v128.load offset=16 (i32.add (local.get $w) (local.get $j))))))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul
            (v128.load offset=32 (i32.add (local.get $row) (local.get $j))) (v128.load offset=32 (i32.add (local.get $w) (local.get $j))))))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul
            (v128.load offset=48 (i32.add (local.get $row) (local.get $j))) (v128.load offset=48 (i32.add (local.get $w) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 64)))
          (br_if $cols (i32.lt_u (local.get $j) (local.get $rowBytes))))
        (local.set $acc (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3))))
        (local.set $total (f64.add (local.get $total)
          (f64.mul (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
                   (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $total))

  ;; $quadratic for two vectors w and v in one pass over S: each row of S is loaded once for
  ;; both, and the eight accumulators hide the add latency that bounds one vector's four. Each
  ;; vector's sums run in the very order $quadratic runs them (the same four lanes per row, the
  ;; same row totals in the same order), so the results are $quadratic's to the bit. Writes wᵀSw
  ;; at $out and vᵀSv at $out + 8.
  (func $quadraticPair (export "quadraticPair") (param $s i32) (param $w i32) (param $v i32) (param $d i32) (param $stride i32) (param $out i32)
    (local $i i32) (local $j i32) (local $row i32) (local $tw f64) (local $tv f64) (local $rowBytes i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $acc v128)
    (local.set $rowBytes (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $row (local.get $s))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $d)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (local.set $b0 (v128.const i64x2 0 0))
        (local.set $b1 (v128.const i64x2 0 0))
        (local.set $b2 (v128.const i64x2 0 0))
        (local.set $b3 (v128.const i64x2 0 0))
        (local.set $j (i32.const 0))
        (loop $cols
          (local.set $x0 (v128.load (i32.add (local.get $row) (local.get $j))))
          (local.set $x1 (v128.load offset=16 (i32.add (local.get $row) (local.get $j))))
          (local.set $x2 (v128.load offset=32 (i32.add (local.get $row) (local.get $j))))
          (local.set $x3 (v128.load offset=48 (i32.add (local.get $row) (local.get $j))))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $x0) (v128.load (i32.add (local.get $w) (local.get $j))))))
          (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $x0) (v128.load (i32.add (local.get $v) (local.get $j))))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $x1) (v128.load offset=16 (i32.add (local.get $w) (local.get $j))))))
          (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $x1) (v128.load offset=16 (i32.add (local.get $v) (local.get $j))))))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $x2) (v128.load offset=32 (i32.add (local.get $w) (local.get $j))))))
          (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $x2) (v128.load offset=32 (i32.add (local.get $v) (local.get $j))))))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $x3) (v128.load offset=48 (i32.add (local.get $w) (local.get $j))))))
          (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $x3) (v128.load offset=48 (i32.add (local.get $v) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 64)))
          (br_if $cols (i32.lt_u (local.get $j) (local.get $rowBytes))))
        (local.set $acc (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3))))
        (local.set $tw (f64.add (local.get $tw)
          (f64.mul (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))
                   (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))))
        (local.set $acc (f64x2.add (f64x2.add (local.get $b0) (local.get $b1)) (f64x2.add (local.get $b2) (local.get $b3))))
        (local.set $tv (f64.add (local.get $tv)
          (f64.mul (f64.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3))))
                   (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))))
        (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (f64.store (local.get $out) (local.get $tw))
    (f64.store offset=8 (local.get $out) (local.get $tv)))

  ;; Σ_i a_i b_i over `stride` float64 (padding zero).
  (func $dot (export "dot") (param $a i32) (param $b i32) (param $stride i32) (result f64)
    (local $j i32) (local $acc v128) (local $bytes i32)
    (local.set $bytes (i32.shl (local.get $stride) (i32.const 3)))
    (loop $each
      (local.set $acc (f64x2.add (local.get $acc)
        (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $j))) (v128.load (i32.add (local.get $b) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br_if $each (i32.lt_u (local.get $j) (local.get $bytes))))
    (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
)
