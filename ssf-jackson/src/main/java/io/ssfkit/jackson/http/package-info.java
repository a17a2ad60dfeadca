/**
 * The HTTP-neutral handler: {@link io.ssfkit.jackson.http.SsfHttpHandler} turns an
 * {@link io.ssfkit.jackson.http.SsfHttpRequest} into a stage of an
 * {@link io.ssfkit.jackson.http.SsfHttpResponse}, serving the whole transmitter API, so that any HTTP
 * framework mounts it in a few lines.
 */
@NullMarked
package io.ssfkit.jackson.http;

import org.jspecify.annotations.NullMarked;
