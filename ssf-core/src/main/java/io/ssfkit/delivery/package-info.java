/**
 * Delivery of signed SETs: the {@link io.ssfkit.delivery.EventQueue} outbox SPI and its entries, the
 * {@link io.ssfkit.delivery.DeliveryChannel} SPI that pushes one SET to one receiver and reports a
 * {@link io.ssfkit.delivery.DeliveryResult}, and the dead-letter store.
 */
@NullMarked
package io.ssfkit.delivery;

import org.jspecify.annotations.NullMarked;
