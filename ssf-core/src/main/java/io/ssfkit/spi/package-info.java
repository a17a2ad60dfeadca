/**
 * Ports that hosts implement to keep state their own way: {@link io.ssfkit.spi.StreamStore}.
 */
@NullMarked
package io.ssfkit.spi;

import org.jspecify.annotations.NullMarked;
