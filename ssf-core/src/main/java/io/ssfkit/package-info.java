/**
 * The entry point of ssfkit: {@link io.ssfkit.TransmitterService}, the programmatic API that a host's HTTP layer (or any other caller) invokes for every operation of the transmitter, and its builder.
 */
@NullMarked
package io.ssfkit;

import org.jspecify.annotations.NullMarked;
