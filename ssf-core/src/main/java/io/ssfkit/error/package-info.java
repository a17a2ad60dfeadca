/**
 * The one error model of ssfkit: {@link io.ssfkit.error.SsfException} carrying an {@link io.ssfkit.error.SsfErrorCode} (HTTP status and wire code) and, for bad input, the {@link io.ssfkit.error.FieldError}s that name each offending field.
 */
@NullMarked
package io.ssfkit.error;

import org.jspecify.annotations.NullMarked;
