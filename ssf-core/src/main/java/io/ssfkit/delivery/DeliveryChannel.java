package io.ssfkit.delivery;

import java.util.concurrent.CompletionStage;

/**
 * Delivers one signed SET to one push receiver (RFC 8935) and reports the outcome as a
 * {@link DeliveryResult}.
 *
 * <p>Implementations are thread-safe and non-blocking: {@link #deliver} returns at once and completes the
 * stage later; the stage completes normally with a result for every expected outcome (refusal, network
 * error, timeout) and exceptionally only for programming errors. Neither the token's claims nor the
 * authorization header may appear in logs or results.
 *
 * <p>Every implementation should pass the {@code DeliveryChannelContract} of ssf-testkit.
 */
@FunctionalInterface
public interface DeliveryChannel {

  /**
   * Sends one SET.
   *
   * @param target the receiver's endpoint and authorization header
   * @param token the compact SET, sent as the request body unchanged
   * @return a stage completing with the outcome
   */
  CompletionStage<DeliveryResult> deliver(PushTarget target, String token);
}
