package io.ssfkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, for tests and local development.
 *
 * <p>The clock's zone is UTC. {@link #withZone} returns a view in another zone that shares this clock's
 * time: moving either moves both.
 *
 * <p><b>Thread-safety.</b> Instances are thread-safe: the time is held in an {@link AtomicReference}, so
 * {@link #advance} from several threads never loses a step.
 */
public final class MutableClock extends Clock {

  private static final Instant DEFAULT_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Returns a clock that stands at 2026-01-01T00:00:00Z.
   *
   * @return a new clock, in UTC
   */
  public static MutableClock create() {
    return at(DEFAULT_INSTANT);
  }

  /**
   * Returns a clock that stands at an instant.
   *
   * @param instant the time the clock shows until it is moved
   * @return a new clock, in UTC
   */
  public static MutableClock at(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return new MutableClock(new AtomicReference<>(instant), ZoneOffset.UTC);
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far to move it; zero leaves it where it is
   * @return the time after the move
   * @throws IllegalArgumentException if the duration is negative; use {@link #set} to move back
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, but was " + duration);
    }
    return now.updateAndGet(current -> current.plus(duration));
  }

  /**
   * Sets the clock to an instant, which may be earlier than its current time.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    now.set(instant);
  }

  /**
   * Returns the current time of this clock.
   *
   * @return the instant last set or reached by advancing
   */
  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * Returns the zone of this clock.
   *
   * @return UTC, or the zone given to {@link #withZone}
   */
  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * Returns a view of this clock in another zone that shares its time: moving the view moves this clock and
   * the other way round.
   *
   * @param zone the zone of the view
   * @return a clock in that zone with the same time
   */
  @Override
  public MutableClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }

  /** Renders the current time and the zone. */
  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
