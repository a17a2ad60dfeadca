package io.ssfkit.delivery;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The delivery health of one stream, as this node has seen it.
 *
 * @param queueDepth how many SETs are waiting, in flight ones included
 * @param lastSuccess when a SET was last delivered, or null
 * @param lastError the reason of the last failed attempt, or null
 * @param lastErrorAt when the last attempt failed, or null
 */
public record DeliveryState(
    int queueDepth, @Nullable Instant lastSuccess, @Nullable String lastError, @Nullable Instant lastErrorAt) {}
