package io.ssfkit.signing;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The signing keys of a transmitter through their lifecycle, and the JWK Set that publishes them (KEY-1 to KEY-4).
 *
 * <p>A key moves through three states:
 *
 * <ol>
 *   <li><b>next</b>: added with {@link #addNext(SigningKey)}; published in the JWK Set but not yet signing. At most
 *       one key is next.
 *   <li><b>active</b>: signs every SET. Exactly one key is active at any time.
 *   <li><b>retired</b>: replaced by {@link #rotate()}; no longer signs, but stays published until
 *       {@code rotation time + retirement grace}, so that receivers can still verify the SETs it signed. After that
 *       it is removed.
 * </ol>
 *
 * <p>Safe rotation (KEY-4): add the next key at least one JWKS cache lifetime of your receivers before you rotate,
 * so that they have seen it when the first SET signed with it arrives; and choose a retirement grace that covers
 * how long a SET may still be delivered after it was signed (push retries, poll re-offers, the maximum SET age) plus
 * one JWKS cache lifetime. The ring does not enforce the first rule, so that a compromised key can be replaced at
 * once.
 *
 * <p>Which keys are published is decided with the injected {@link Clock} at the time of each call: a retired key
 * disappears from {@link #publishedKeys()} as soon as its grace has ended, without any scheduler.
 *
 * <p>Thread-safe. Reads take no lock; the changes ({@link #addNext}, {@link #rotate}) are serialized on a private
 * lock and replace an immutable snapshot. A SET signed concurrently with a rotation may be signed with the key that
 * has just been retired; it is still published, so such a SET verifies.
 */
public final class KeyRing {

  /** A key of the ring, with what signing needs prepared once: the published JWK, the signer, the header. */
  record Entry(SigningKey key, JWK jwk, JWSSigner signer, JWSHeader header) {

    static Entry of(SigningKey key) {
      JWK jwk = Keys.publishable(key);
      JWSSigner signer = key instanceof LocalSigningKey local ? local.jwsSigner() : new SigningKeyJwsSigner(key);
      return new Entry(key, jwk, signer, Keys.header(key.algorithm(), key.keyId()));
    }

    String keyId() {
      return key.keyId();
    }
  }

  private record Retired(Entry entry, Instant until) {}

  private record State(Entry active, @Nullable Entry next, List<Retired> retired) {}

  private final Duration retirementGrace;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile State state;

  private KeyRing(Entry active, Duration retirementGrace, Clock clock) {
    this.retirementGrace = retirementGrace;
    this.clock = clock;
    this.state = new State(active, null, List.of());
  }

  /**
   * Creates a ring with one active key and nothing else.
   *
   * @param active the key that signs from now on
   * @param retirementGrace how long a key stays published after {@link #rotate()} retired it
   * @param clock the clock that decides when a retired key's grace has ended
   * @return a new ring
   * @throws IllegalArgumentException if the key may not sign SETs (see {@link SigningKey}) or the grace is not
   *     positive
   */
  public static KeyRing create(SigningKey active, Duration retirementGrace, Clock clock) {
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(retirementGrace, "retirementGrace");
    Objects.requireNonNull(clock, "clock");
    if (retirementGrace.isNegative() || retirementGrace.isZero()) {
      throw new IllegalArgumentException("retirementGrace must be positive, but was " + retirementGrace);
    }
    return new KeyRing(Entry.of(active), retirementGrace, clock);
  }

  /**
   * Publishes the key that the next {@link #rotate()} makes active (KEY-4).
   *
   * @param next the key; it is checked as described in {@link SigningKey}
   * @throws IllegalArgumentException if the key may not sign SETs, or its kid is already published
   * @throws IllegalStateException if a next key is already waiting; rotate first
   */
  public void addNext(SigningKey next) {
    Objects.requireNonNull(next, "next");
    Entry entry = Entry.of(next);
    synchronized (lock) {
      State current = withoutExpired(state, clock.instant());
      if (current.next() != null) {
        throw new IllegalStateException(
            "key kid=" + current.next().keyId() + " is already waiting as the next key; rotate before adding another");
      }
      for (Entry published : published(current)) {
        if (published.keyId().equals(entry.keyId())) {
          throw new IllegalArgumentException("kid " + entry.keyId() + " is already published; kids must be distinct");
        }
      }
      state = new State(current.active(), entry, current.retired());
    }
  }

  /**
   * Makes the next key active and retires the active one, which stays published for the retirement grace from
   * now on.
   *
   * @throws IllegalStateException if no next key was added
   */
  public void rotate() {
    synchronized (lock) {
      Instant now = clock.instant();
      State current = withoutExpired(state, now);
      Entry next = current.next();
      if (next == null) {
        throw new IllegalStateException("no next key to rotate to; call addNext first");
      }
      List<Retired> retired = new ArrayList<>(current.retired());
      retired.add(0, new Retired(current.active(), now.plus(retirementGrace)));
      state = new State(next, null, List.copyOf(retired));
    }
  }

  /**
   * Returns the key that signs SETs now.
   *
   * @return the active key
   */
  public SigningKey activeKey() {
    return state.active().key();
  }

  /**
   * Returns the key waiting to become active.
   *
   * @return the next key, or empty if none was added since the last rotation
   */
  public Optional<SigningKey> nextKey() {
    Entry next = state.next();
    return next == null ? Optional.empty() : Optional.of(next.key());
  }

  /**
   * Returns the public JWKs published now: the active key, the next key if any, and the retired keys whose grace
   * has not ended at the clock's current instant. Each has {@code kty}, {@code kid}, {@code use: "sig"} and
   * {@code alg}, and no private member (KEY-2, KEY-3).
   *
   * @return an immutable list, active key first
   */
  public List<JWK> publishedKeys() {
    return published(withoutExpired(state, clock.instant())).stream().map(Entry::jwk).toList();
  }

  /**
   * Returns the JWK Set to serve at the {@code jwks_uri} (KEY-1, DISC-5): {@code {"keys": [...]}} with the
   * {@link #publishedKeys()}, as a JSON-shaped map of strings, lists and maps.
   *
   * @return a new map, which the caller may modify
   */
  public Map<String, Object> jwks() {
    return new JWKSet(publishedKeys()).toJSONObject(true);
  }

  /** Returns the active key prepared for signing; no lock, one volatile read. */
  Entry activeEntry() {
    return state.active();
  }

  private static List<Entry> published(State state) {
    List<Entry> published = new ArrayList<>();
    published.add(state.active());
    if (state.next() != null) {
      published.add(state.next());
    }
    state.retired().forEach(retired -> published.add(retired.entry()));
    return published;
  }

  /** Drops the retired keys whose grace has ended: a key retired until T is published before T, not at T. */
  private static State withoutExpired(State state, Instant now) {
    List<Retired> live = state.retired().stream().filter(r -> now.isBefore(r.until())).toList();
    return live.size() == state.retired().size() ? state : new State(state.active(), state.next(), live);
  }
}
