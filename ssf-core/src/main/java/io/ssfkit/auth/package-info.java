/**
 * Who is calling: the authenticated {@link io.ssfkit.auth.Caller}, the {@link io.ssfkit.auth.CallerAuthenticator} SPI that turns an {@code Authorization} header into one, and its two implementations (static bearer tokens and JWT access tokens).
 */
@NullMarked
package io.ssfkit.auth;

import org.jspecify.annotations.NullMarked;
