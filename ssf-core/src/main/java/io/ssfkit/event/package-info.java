/**
 * Security events and the unsigned Security Event Token that carries one.
 *
 * <ul>
 *   <li>{@link io.ssfkit.event.EventType}: the open registry of event-type URIs, with the SSF, CAEP and RISC
 *       constants.
 *   <li>{@link io.ssfkit.event.SecurityEvent}: one event, its type and its JSON-shaped payload. The typed payloads
 *       are records of the sealed interfaces {@link io.ssfkit.event.SsfEvent}, {@link io.ssfkit.event.CaepEvent}
 *       (with the common members in {@link io.ssfkit.event.CaepCommon}) and {@link io.ssfkit.event.RiscEvent};
 *       any other type is a {@link io.ssfkit.event.GenericEvent}.
 *   <li>Value types of the payloads: {@link io.ssfkit.event.LanguageMap} for {@code reason_admin} and
 *       {@code reason_user}, {@link io.ssfkit.event.InitiatingEntity}, and the open registries
 *       {@link io.ssfkit.event.CredentialType}, {@link io.ssfkit.event.AssuranceNamespace} and
 *       {@link io.ssfkit.event.RiskPrincipal}.
 *   <li>{@link io.ssfkit.event.SecurityEvents}: the one way to read an event from its payload map, and the check
 *       of an event against its SET's subject.
 *   <li>{@link io.ssfkit.event.SecurityEventToken}: the claims of one SET about one event.
 * </ul>
 *
 * <p>Every record is validated when constructed, so an invalid event cannot exist; {@code toMap()} writes the
 * exact wire member names and round-trips through {@link io.ssfkit.event.SecurityEvents#fromMap}, except where an
 * event holds a value built with {@code custom(...)}: only Java code may create those.
 */
@NullMarked
package io.ssfkit.event;

import org.jspecify.annotations.NullMarked;
