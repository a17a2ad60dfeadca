/**
 * Per-caller admission control: the {@link io.ssfkit.limit.RateLimiter} SPI and its default token bucket.
 */
@NullMarked
package io.ssfkit.limit;

import org.jspecify.annotations.NullMarked;
