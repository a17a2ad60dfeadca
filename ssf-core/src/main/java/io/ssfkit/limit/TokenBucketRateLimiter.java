package io.ssfkit.limit;

import io.ssfkit.auth.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket per client ID. Thread-safe: each bucket is updated under its own lock. Buckets of idle
 * clients are full and cost one small object each; the number of clients is bounded by the host's
 * registered receivers.
 */
final class TokenBucketRateLimiter implements RateLimiter {

  private final int capacity;
  private final double permitsPerNano;
  private final Clock clock;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  TokenBucketRateLimiter(int capacity, double permitsPerSecond, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
    }
    if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
      throw new IllegalArgumentException("permitsPerSecond must be positive, but was " + permitsPerSecond);
    }
    this.capacity = capacity;
    this.permitsPerNano = permitsPerSecond / 1e9;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public RateLimitDecision tryAcquire(Caller caller) {
    Objects.requireNonNull(caller, "caller");
    long now = nanos();
    Bucket bucket = buckets.computeIfAbsent(caller.clientId(), k -> new Bucket(capacity, now));
    synchronized (bucket) {
      double elapsed = Math.max(0, now - bucket.updatedAt);
      bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * permitsPerNano);
      bucket.updatedAt = Math.max(bucket.updatedAt, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return RateLimitDecision.admit();
      }
      long waitNanos = (long) Math.ceil((1 - bucket.tokens) / permitsPerNano);
      return RateLimitDecision.refuse(Duration.ofNanos(Math.max(1, waitNanos)));
    }
  }

  private long nanos() {
    var instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private static final class Bucket {
    double tokens;
    long updatedAt;

    Bucket(double tokens, long updatedAt) {
      this.tokens = tokens;
      this.updatedAt = updatedAt;
    }
  }
}
