package io.ssfkit.rules;

/**
 * The record of processed source events that makes {@link RuleEngine#process} idempotent: a change whose source
 * event ID was already claimed publishes nothing.
 *
 * <p>Implementations must be thread-safe, and {@link #claim} must be atomic: of two concurrent claims of one key
 * exactly one succeeds. Arguments are never null. The in-memory default, {@link #inMemory(int)}, forgets the
 * oldest IDs beyond its capacity and everything on restart; a host that needs replay protection across restarts
 * or nodes implements this over its database (an insert into a table with a unique key).
 */
public interface ProcessedChanges {

  /** The capacity of the default in-memory record. */
  int DEFAULT_CAPACITY = 100_000;

  /**
   * Claims a source event for processing.
   *
   * @param orgId the organization
   * @param sourceEventId the source event's ID
   * @return true when this is the first claim, false when it was claimed before
   */
  boolean claim(String orgId, String sourceEventId);

  /**
   * Forgets a claim, so that the event can be processed again; the engine calls it when processing failed.
   *
   * @param orgId the organization
   * @param sourceEventId the source event's ID
   */
  void release(String orgId, String sourceEventId);

  /**
   * Tells whether a source event was claimed, without claiming it.
   *
   * @param orgId the organization
   * @param sourceEventId the source event's ID
   * @return true when it was claimed
   */
  boolean contains(String orgId, String sourceEventId);

  /**
   * Creates an in-memory record that keeps the most recent IDs.
   *
   * @param capacity how many IDs it keeps; the oldest beyond it are forgotten, so a replay older than that many
   *     changes is processed again
   * @return the record
   * @throws IllegalArgumentException if the capacity is not positive
   */
  static ProcessedChanges inMemory(int capacity) {
    return new InMemoryProcessedChanges(capacity);
  }
}
