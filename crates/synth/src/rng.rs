//! A small, fast, deterministic pseudo-random number generator: xoshiro256** seeded
//! through SplitMix64, so that every (seed, stream) pair gives its own sequence. Each
//! child uses the stream of its index, so children can be generated in any order.

/// One step of SplitMix64 (used for seeding and hashing).
pub(crate) fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** (Blackman and Vigna, 2018).
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// The generator for `stream` under `seed`.
    pub(crate) fn new(seed: u64, stream: u64) -> Self {
        let mut h = stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut st = seed ^ splitmix(&mut h);
        let s = [
            splitmix(&mut st),
            splitmix(&mut st),
            splitmix(&mut st),
            splitmix(&mut st),
        ];
        Self { s }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1).
    pub(crate) fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Uniform integer in `lo..=hi` (`lo` when `hi <= lo`).
    pub(crate) fn range(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        let span = (i64::from(hi) - i64::from(lo) + 1) as u64;
        lo + ((self.next_u64() % span) as i32)
    }

    /// Uniform index below `n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// One item of a non-empty slice, uniformly.
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// One item of a non-empty slice of (item, weight), in proportion to weight.
    pub(crate) fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|&(_, w)| u64::from(w)).sum();
        let mut r = if total == 0 {
            0
        } else {
            self.next_u64() % total
        };
        for &(item, w) in items {
            if r < u64::from(w) {
                return item;
            }
            r -= u64::from(w);
        }
        items[items.len() - 1].0
    }

    /// Exponentially distributed with the given mean.
    pub(crate) fn exp(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.f64()).ln()
    }

    /// Poisson-distributed count (Knuth; fine for the small means used here).
    pub(crate) fn poisson(&mut self, mean: f64) -> u32 {
        if mean <= 0.0 {
            return 0;
        }
        let limit = (-mean).exp();
        let mut k = 0;
        let mut p = self.f64();
        while p > limit && k < 200 {
            k += 1;
            p *= self.f64();
        }
        k
    }

    /// Triangular on [lo, hi] with the given mode.
    pub(crate) fn triangular(&mut self, lo: f64, mode: f64, hi: f64) -> f64 {
        if hi <= lo {
            return lo;
        }
        let u = self.f64();
        let c = (mode - lo) / (hi - lo);
        if u < c {
            lo + (u * (hi - lo) * (mode - lo)).sqrt()
        } else {
            hi - ((1.0 - u) * (hi - lo) * (hi - mode)).sqrt()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_deterministic_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::new(7, 1).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut x = Rng::new(7, 1);
        let mut y = Rng::new(7, 2);
        let mut z = Rng::new(8, 1);
        let (xs, ys, zs): (Vec<u64>, Vec<u64>, Vec<u64>) = (0..8)
            .map(|_| (x.next_u64(), y.next_u64(), z.next_u64()))
            .fold((vec![], vec![], vec![]), |mut acc, (p, q, r)| {
                acc.0.push(p);
                acc.1.push(q);
                acc.2.push(r);
                acc
            });
        assert_ne!(xs, ys);
        assert_ne!(xs, zs);
    }

    #[test]
    fn helpers_stay_in_range_and_hit_their_means() {
        let mut r = Rng::new(1, 1);
        let n = 20_000;
        let mut hits = 0;
        let mut sum = 0.0;
        for _ in 0..n {
            let v = r.range(3, 9);
            assert!((3..=9).contains(&v));
            let f = r.f64();
            assert!((0.0..1.0).contains(&f));
            if r.chance(0.3) {
                hits += 1;
            }
            sum += f64::from(r.poisson(2.0));
        }
        let share = f64::from(hits) / f64::from(n);
        assert!((share - 0.3).abs() < 0.02, "{share}");
        assert!((sum / f64::from(n) - 2.0).abs() < 0.05);
        assert_eq!(r.range(5, 5), 5);
        assert_eq!(r.range(5, 1), 5);
        assert_eq!(r.weighted(&[("a", 0), ("b", 1)]), "b");
    }
}
