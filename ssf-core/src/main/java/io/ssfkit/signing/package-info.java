/**
 * Signing Security Event Tokens and publishing the keys that verify them (SSF 1.0 section 4.1; RFC 8417; RFC 7517).
 *
 * <ul>
 *   <li>{@link io.ssfkit.signing.SetSigner} turns an unsigned {@link io.ssfkit.event.SecurityEventToken} into a
 *       {@link io.ssfkit.signing.SignedSet}, a JWS in compact form that is signed once and stored (SET-11), and
 *       serves the JWK Set of its public keys. {@link io.ssfkit.signing.SetSigner#nimbus(KeyRing)} is the
 *       implementation on nimbus-jose-jwt.
 *   <li>{@link io.ssfkit.signing.KeyRing} holds the keys through their lifecycle: <em>next</em> (published, not
 *       yet signing), <em>active</em> (signs) and <em>retired</em> (published until a grace period ends) (KEY-4).
 *   <li>{@link io.ssfkit.signing.SigningKey} is the SPI for one key. Hosts that keep private keys in a KMS or an
 *       HSM implement it; {@link io.ssfkit.signing.SigningKeys} generates local keys or loads them from PEM, a JWK
 *       or a key store.
 * </ul>
 *
 * <p>Algorithms: RS256 (the default, and the only one the CAEP interoperability profile allows), PS256 and ES256.
 * Never {@code none}, never HMAC (SET-1). EdDSA is left out: nimbus signs Ed25519 only through Google Tink, which
 * ssf-core does not depend on.
 *
 * <p>This is the only package of ssf-core whose API mentions nimbus-jose-jwt types ({@code JWSAlgorithm},
 * {@code JWK}); the JWK Set is also offered as a JSON-shaped map so that hosts can serve it with any JSON library.
 */
@NullMarked
package io.ssfkit.signing;

import org.jspecify.annotations.NullMarked;
