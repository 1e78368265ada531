// The generator's own random numbers. std:: engines are portable but std::
// distributions are not (libstdc++ and libc++ turn the same bits into different
// normals), so the bits (xoshiro256**, seeded with splitmix64) and every
// distribution are written here: same seed, same build, same bytes.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace rapport::synth {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A stateless 64-bit mix of two words: derives independent streams (one per
// conversation, one per user) from the seed without walking a sequence.
inline uint64_t Mix(uint64_t a, uint64_t b) {
  uint64_t s = a ^ (b * 0xD1B54A32D192ED03ULL);
  SplitMix64(s);
  return SplitMix64(s);
}

// A uniform double in [0, 1) from 53 random bits.
inline double ToUnit(uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (auto& w : s_) w = SplitMix64(s);
  }

  // xoshiro256** (Blackman and Vigna, 2018).
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  double Uniform() { return ToUnit(Next()); }
  // In (0, 1]: safe under log() and as a divisor.
  double UniformOpen() { return 1.0 - Uniform(); }
  bool Chance(double p) { return Uniform() < p; }

  // Uniform in [0, n), without modulo bias (Lemire's multiply-shift with rejection).
  uint64_t Below(uint64_t n) {
    if (n <= 1) return 0;
    unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
    uint64_t low = static_cast<uint64_t>(m);
    if (low < n) {
      const uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<unsigned __int128>(Next()) * n;
        low = static_cast<uint64_t>(m);
      }
    }
    return static_cast<uint64_t>(m >> 64);
  }
  int64_t Between(int64_t lo, int64_t hi) {  // inclusive
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  // Standard normal by Marsaglia's polar method: log and sqrt only, no trigonometry.
  double Normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * Uniform() - 1.0;
      v = 2.0 * Uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }

  // Log-normal given its median (exp(mu)) and the sigma of its logarithm.
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }

  // Pareto type I: P(X > x) = (xm / x)^alpha for x >= xm.
  double Pareto(double xm, double alpha) { return xm * std::pow(UniformOpen(), -1.0 / alpha); }

  // Number of failures before the first success, success probability p.
  uint64_t Geometric(double p) {
    if (p >= 1.0) return 0;
    return static_cast<uint64_t>(std::floor(std::log(UniformOpen()) / std::log1p(-p)));
  }

  // An index drawn with the given (not necessarily normalized) weights.
  template <size_t N>
  size_t Weighted(const double (&w)[N]) {
    return Weighted(w, N);
  }
  size_t Weighted(const double* w, size_t n) {
    double total = 0;
    for (size_t i = 0; i < n; ++i) total += w[i];
    double x = Uniform() * total;
    for (size_t i = 0; i < n; ++i) {
      if (x < w[i]) return i;
      x -= w[i];
    }
    return n - 1;
  }

  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

// Ranks 0..n-1 with P(rank k) roughly proportional to (k + 1 + shift)^-1 (a Zipf-
// Mandelbrot law): sampled as the floor of a continuous 1/x variable on
// [shift + 1, shift + n + 1), one exp per draw and no table, so any population size
// costs the same. The shift keeps the most active account from writing a
// implausible share of everything while the tail still holds many one-off authors.
class ZipfRanks {
 public:
  ZipfRanks(uint64_t n, double shift)
      : n_(n), lo_(shift + 1.0), log_ratio_(std::log((shift + 1.0 + n) / (shift + 1.0))) {}
  uint64_t Draw(Rng& rng) const {
    const double x = lo_ * std::exp(rng.Uniform() * log_ratio_);
    uint64_t k = static_cast<uint64_t>(x - lo_);
    return k < n_ ? k : n_ - 1;
  }
  uint64_t size() const { return n_; }

 private:
  uint64_t n_;
  double lo_, log_ratio_;
};

}  // namespace rapport::synth
