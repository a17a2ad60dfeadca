/**
 * JSON for ssfkit: {@link io.ssfkit.jackson.SsfJackson} builds the object mapper that reads and writes every
 * wire model with the product API's exact field names, through {@link io.ssfkit.jackson.SsfJacksonModule}.
 */
@NullMarked
package io.ssfkit.jackson;

import org.jspecify.annotations.NullMarked;
