package io.ssfkit.event;

import io.ssfkit.stream.StreamId;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a publication did: which streams got a SET (stored in their outbox, so accepted) and, for every
 * other stream of the organization, why not.
 *
 * @param txn the {@code txn} of the SETs
 * @param enqueued the streams whose outbox received a SET, each with the SET's {@code jti}
 * @param skipped the streams that did not, each with the reason (type not delivered, subject not in the
 *     stream, stream disabled, hold limit reached)
 */
public record PublishResult(String txn, Map<StreamId, String> enqueued, Map<StreamId, String> skipped) {

  /**
   * Copies the maps (immutable ones, such as the {@link Builder} makes, are taken as they are).
   *
   * @param txn the transaction ID
   * @param enqueued the streams that received a SET, with its jti
   * @param skipped the streams that did not, with why
   */
  public PublishResult {
    Objects.requireNonNull(txn, "txn");
    enqueued = enqueued instanceof ArrayMap ? enqueued : Map.copyOf(enqueued);
    skipped = skipped instanceof ArrayMap ? skipped : Map.copyOf(skipped);
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

  /**
   * Collects a {@link PublishResult} stream by stream; each stream at most once. Not thread-safe. The maps it
   * builds are immutable and compact: an organization has few streams, so a lookup scans.
   */
  public static final class Builder {

    /** Beyond this many streams, duplicates are found with a hash set rather than by scanning. */
    private static final int SCAN_LIMIT = 32;

    private final String txn;
    private final Side enqueued = new Side();
    private final Side skipped = new Side();

    private Builder(String txn) {
      this.txn = Objects.requireNonNull(txn, "txn");
    }

    /**
     * Records a stream that received a SET.
     *
     * @param stream the stream
     * @param jti the SET's {@code jti}
     * @return this builder
     */
    public Builder enqueued(StreamId stream, String jti) {
      enqueued.add(stream, jti);
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
      skipped.add(stream, reason);
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the result
     * @throws IllegalArgumentException if a stream was recorded twice
     */
    public PublishResult build() {
      int total = enqueued.size + skipped.size;
      StreamId[] ids = Arrays.copyOf(enqueued.ids, total);
      System.arraycopy(skipped.ids, 0, ids, enqueued.size, skipped.size);
      @Nullable Set<StreamId> seen = total > SCAN_LIMIT ? new HashSet<>() : null;
      int[] hashes = new int[total];
      for (int i = 0; i < total; i++) {
        hashes[i] = ids[i].hashCode();
        boolean repeated = seen != null ? !seen.add(ids[i]) : seenBefore(ids, hashes, i);
        if (repeated) {
          throw new IllegalArgumentException("stream " + ids[i] + " was recorded twice");
        }
      }
      return new PublishResult(txn, enqueued.toMap(), skipped.toMap());
    }

    /** Whether an ID before {@code i} equals the one at {@code i}; hashes first, so a scan is mostly int compares. */
    private static boolean seenBefore(StreamId[] ids, int[] hashes, int i) {
      for (int j = 0; j < i; j++) {
        if (hashes[j] == hashes[i] && ids[j].equals(ids[i])) {
          return true;
        }
      }
      return false;
    }
  }

  /** One side of a result being built: stream IDs and their texts, in two arrays. */
  private static final class Side {

    private StreamId[] ids = new StreamId[8];
    private String[] texts = new String[8];
    private int size;

    void add(StreamId id, String text) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        texts = Arrays.copyOf(texts, size * 2);
      }
      ids[size] = Objects.requireNonNull(id, "stream");
      texts[size] = Objects.requireNonNull(text, "text");
      size++;
    }

    Map<StreamId, String> toMap() {
      return size == 0 ? Map.of() : new ArrayMap(Arrays.copyOf(ids, size), Arrays.copyOf(texts, size));
    }
  }

  /** An immutable map over two arrays, with distinct keys: a lookup scans. */
  private static final class ArrayMap extends AbstractMap<StreamId, String> {

    private final StreamId[] keys;
    private final String[] values;

    ArrayMap(StreamId[] keys, String[] values) {
      this.keys = keys;
      this.values = values;
    }

    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public @Nullable String get(@Nullable Object key) {
      int i = indexOf(key);
      return i < 0 ? null : values[i];
    }

    private int indexOf(@Nullable Object key) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public Set<Map.Entry<StreamId, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return keys.length;
        }

        @Override
        public Iterator<Map.Entry<StreamId, String>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < keys.length;
            }

            @Override
            public Map.Entry<StreamId, String> next() {
              if (next >= keys.length) {
                throw new NoSuchElementException();
              }
              Map.Entry<StreamId, String> entry = Map.entry(keys[next], values[next]);
              next++;
              return entry;
            }
          };
        }
      };
    }
  }
}
