/**
 * The transmitter configuration metadata (SSF 1.0 section 7) served at the well-known location.
 */
@NullMarked
package io.ssfkit.metadata;

import org.jspecify.annotations.NullMarked;
