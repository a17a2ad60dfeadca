/**
 * Streams: {@link io.ssfkit.stream.StreamConfiguration} and its parts (identifier, owner, delivery, status), and the request records of the stream-management operations.
 */
@NullMarked
package io.ssfkit.stream;

import org.jspecify.annotations.NullMarked;
