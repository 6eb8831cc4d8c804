//! Interleaved timing: two sides measured round by round on the same machine state, so a
//! ratio stays meaningful on a loaded, shared machine where separate runs drift by half.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How long and how often each pair of sides is timed.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    /// Rounds per pair; each round times one batch of each side.
    pub rounds: usize,
    /// The least time one batch of the first side takes; the batch size is calibrated to it.
    pub batch: Duration,
}

/// What one interleaved measurement found.
#[derive(Clone, Copy, Debug)]
pub struct Paired {
    /// The median over rounds of (time of side a) / (time of side b) for equal batches.
    pub ratio: f64,
    /// The median time of one iteration of side a, in nanoseconds.
    pub a_ns: f64,
    /// The median time of one iteration of side b, in nanoseconds.
    pub b_ns: f64,
}

/// Times `a` and `b` in alternating batches of the same size and returns the median of the
/// per-round ratios a/b. Each call receives a seed that changes on every iteration, so the
/// sides build queries of one shape with changing parameter values. The side that goes
/// first alternates from round to round, so neither always runs on a warmer cache.
pub fn interleave(plan: Plan, mut a: impl FnMut(u64), mut b: impl FnMut(u64)) -> Paired {
    let n = calibrate(plan.batch, &mut a);
    // Warm both sides once (allocator pools, prepared statements) before timing.
    time_batch(n, 0, &mut a);
    time_batch(n, 0, &mut b);
    let mut ratios = Vec::with_capacity(plan.rounds);
    let mut a_times = Vec::with_capacity(plan.rounds);
    let mut b_times = Vec::with_capacity(plan.rounds);
    for round in 0..plan.rounds {
        let seed = (round as u64) * n;
        let (ta, tb) = if round.is_multiple_of(2) {
            let ta = time_batch(n, seed, &mut a);
            (ta, time_batch(n, seed, &mut b))
        } else {
            let tb = time_batch(n, seed, &mut b);
            (time_batch(n, seed, &mut a), tb)
        };
        ratios.push(ta / tb);
        a_times.push(ta / n as f64);
        b_times.push(tb / n as f64);
    }
    Paired {
        ratio: median(&mut ratios),
        a_ns: median(&mut a_times),
        b_ns: median(&mut b_times),
    }
}

/// The batch size (a power of two) at which one batch of `f` takes at least `target`.
fn calibrate(target: Duration, f: &mut impl FnMut(u64)) -> u64 {
    let target_ns = target.as_nanos() as f64;
    let mut n = 1;
    while n < 1 << 24 && time_batch(n, 0, f) < target_ns {
        n *= 2;
    }
    n
}

/// Nanoseconds taken by `n` calls of `f` with seeds `seed..seed + n`.
fn time_batch(n: u64, seed: u64, f: &mut impl FnMut(u64)) -> f64 {
    let start = Instant::now();
    for i in 0..n {
        f(black_box(seed + i));
    }
    start.elapsed().as_nanos() as f64
}

/// The median of `values` (the mean of the middle two for an even count).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    }
}

/// The geometric mean of positive `values`, the right mean for ratios.
pub fn geomean(values: &[f64]) -> f64 {
    let logs: f64 = values.iter().map(|v| v.ln()).sum();
    (logs / values.len() as f64).exp()
}
