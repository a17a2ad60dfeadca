package io.ssfkit.delivery;

import io.ssfkit.stream.StreamId;
import java.util.List;
import java.util.Optional;

/**
 * Where given-up SETs are kept until an operator lists and replays or discards them.
 *
 * <p>Implementations are thread-safe; no parameter may be null; lookups return empty rather than null.
 */
public interface DeadLetterStore {

  /**
   * Records a dead letter, replacing one with the same stream and jti.
   *
   * @param letter the dead letter
   */
  void add(DeadLetter letter);

  /**
   * Lists a stream's dead letters, oldest first.
   *
   * @param streamId the stream
   * @param limit the most to return
   * @return the dead letters
   */
  List<DeadLetter> list(StreamId streamId, int limit);

  /**
   * Removes and returns one dead letter, to replay or discard it.
   *
   * @param streamId the stream
   * @param jti the SET's jti
   * @return the removed dead letter, or empty when there is none
   */
  Optional<DeadLetter> take(StreamId streamId, String jti);

  /**
   * Removes every dead letter of a stream (the stream was deleted).
   *
   * @param streamId the stream
   * @return how many were removed
   */
  int purge(StreamId streamId);
}
