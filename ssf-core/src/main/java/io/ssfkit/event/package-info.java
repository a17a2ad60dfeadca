/**
 * Security event types: the open registry {@link io.ssfkit.event.EventType} with the CAEP, RISC and SSF URIs.
 */
@NullMarked
package io.ssfkit.event;

import org.jspecify.annotations.NullMarked;
