package io.ssfkit.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The bounded in-memory {@link ProcessedChanges}: insertion-ordered, oldest evicted first. Thread-safe. */
final class InMemoryProcessedChanges implements ProcessedChanges {

  private final Object lock = new Object();
  private final Map<Key, Boolean> claimed;

  InMemoryProcessedChanges(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, but was " + capacity);
    }
    this.claimed = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public boolean claim(String orgId, String sourceEventId) {
    Key key = new Key(orgId, sourceEventId);
    synchronized (lock) {
      return claimed.putIfAbsent(key, Boolean.TRUE) == null;
    }
  }

  @Override
  public void release(String orgId, String sourceEventId) {
    Key key = new Key(orgId, sourceEventId);
    synchronized (lock) {
      claimed.remove(key);
    }
  }

  @Override
  public boolean contains(String orgId, String sourceEventId) {
    Key key = new Key(orgId, sourceEventId);
    synchronized (lock) {
      return claimed.containsKey(key);
    }
  }

  /** An organization and a source event ID, kept apart so that no two pairs can share a key. */
  private record Key(String orgId, String sourceEventId) {
    Key {
      Objects.requireNonNull(orgId, "orgId");
      Objects.requireNonNull(sourceEventId, "sourceEventId");
    }
  }
}
