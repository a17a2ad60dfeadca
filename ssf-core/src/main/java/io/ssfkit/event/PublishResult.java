package io.ssfkit.event;

import io.ssfkit.stream.StreamId;
import io.ssfkit.subject.SubjectIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a publication did: which streams got a SET (stored in their outbox, so accepted), about which identifier,
 * and, for every other stream of the organization, why not.
 *
 * @param txn the {@code txn} of the SETs
 * @param enqueued the streams whose outbox received a SET, each with the SET's {@code jti}
 * @param skipped the streams that did not, each with the reason (type not delivered, subject not in the
 *     stream, stream disabled, hold limit reached)
 * @param subjects the streams that received a SET, each with the SET's {@code sub_id}: the publication's subject,
 *     or the {@linkplain Publication#alternatives() alternative} that stream's receiver added
 */
public record PublishResult(
    String txn,
    Map<StreamId, String> enqueued,
    Map<StreamId, String> skipped,
    Map<StreamId, SubjectIdentifier> subjects) {

  /**
   * Copies the maps (an immutable map, as the {@link Builder} makes, is taken as it is).
   *
   * @param txn the transaction ID
   * @param enqueued the streams that received a SET, with its jti
   * @param skipped the streams that did not, with why
   * @param subjects the streams that received a SET, with its subject
   * @throws IllegalArgumentException if a stream is both enqueued and skipped, or the subjects are not of exactly
   *     the enqueued streams
   */
  public PublishResult {
    Objects.requireNonNull(txn, "txn");
    enqueued = Map.copyOf(enqueued);
    skipped = Map.copyOf(skipped);
    subjects = Map.copyOf(subjects);
    for (StreamId stream : enqueued.keySet()) {
      if (skipped.containsKey(stream)) {
        throw new IllegalArgumentException("stream " + stream + " was recorded twice");
      }
    }
    if (!subjects.keySet().equals(enqueued.keySet())) {
      throw new IllegalArgumentException("subjects must be given for exactly the enqueued streams");
    }
  }

  /**
   * Returns the streams that received a SET.
   *
   * @return their IDs, in no particular order
   */
  public List<StreamId> streams() {
    return List.copyOf(enqueued.keySet());
  }

  /**
   * Starts a builder: the way to collect a result stream by stream without an intermediate map to copy.
   *
   * @param txn the transaction ID
   * @return an empty builder
   */
  public static Builder builder(String txn) {
    return new Builder(txn);
  }

  /** Collects a {@link PublishResult} stream by stream; each stream at most once. Not thread-safe. */
  public static final class Builder {

    private final String txn;
    private final List<Sent> enqueued = new ArrayList<>();
    private final List<Map.Entry<StreamId, String>> skipped = new ArrayList<>();

    /** A stream that received a SET. */
    private record Sent(StreamId stream, String jti, SubjectIdentifier subject) {}

    private Builder(String txn) {
      this.txn = Objects.requireNonNull(txn, "txn");
    }

    /**
     * Records a stream that received a SET.
     *
     * @param stream the stream
     * @param jti the SET's {@code jti}
     * @param subject the SET's {@code sub_id}
     * @return this builder
     */
    public Builder enqueued(StreamId stream, String jti, SubjectIdentifier subject) {
      enqueued.add(new Sent(stream, jti, subject));
      return this;
    }

    /**
     * Records a stream that did not receive a SET.
     *
     * @param stream the stream
     * @param reason why not
     * @return this builder
     */
    public Builder skipped(StreamId stream, String reason) {
      skipped.add(Map.entry(stream, reason));
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the result
     * @throws IllegalArgumentException if a stream was recorded twice
     */
    public PublishResult build() {
      List<Map.Entry<StreamId, String>> jtis = new ArrayList<>(enqueued.size());
      List<Map.Entry<StreamId, SubjectIdentifier>> subjects = new ArrayList<>(enqueued.size());
      for (Sent sent : enqueued) {
        jtis.add(Map.entry(sent.stream(), sent.jti()));
        subjects.add(Map.entry(sent.stream(), sent.subject()));
      }
      return new PublishResult(txn, immutable(jtis), immutable(skipped), immutable(subjects));
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // Map.ofEntries takes an array; arrays of a generic type are raw.
    private static <V> Map<StreamId, V> immutable(List<Map.Entry<StreamId, V>> entries) {
      // Most publications reach one stream or none: those maps need no array.
      return switch (entries.size()) {
        case 0 -> Map.of();
        case 1 -> Map.of(entries.get(0).getKey(), entries.get(0).getValue());
        default -> Map.ofEntries(entries.toArray(new Map.Entry[0]));
      };
    }
  }
}
